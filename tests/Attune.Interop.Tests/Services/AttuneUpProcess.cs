using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// <c>attune up</c> started as its own process, as a new user runs it: free ports, its data in a folder the test owns,
/// the addresses read from what it prints; stopped with SIGTERM.
/// </summary>
public sealed partial class AttuneUpProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines;

    private AttuneUpProcess(Process process, List<string> lines, Dictionary<string, string> targets)
    {
        _process = process;
        _lines = lines;
        Targets = targets;
    }

    /// <summary>host:port of each service by name (feedback, trainer, adapter), as python grpcio takes it.</summary>
    public IReadOnlyDictionary<string, string> Targets { get; }

    /// <summary>Everything the command printed so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <c>attune up --port 0 --data DIR [extra...]</c> and waits for its "ready" line (at most 3 minutes).</summary>
    public static async Task<AttuneUpProcess> StartAsync(string dataDir, params string[] extra)
    {
        var path = ServiceProcess.BuildOutputPath(Path.Combine("src", "Attune.Cli"), "attune");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Build the CLI first (dotnet build src/Attune.Cli): {path}", path);
        }

        var info = new ProcessStartInfo("dotnet", [path, "up", "--port", "0", "--data", dataDir, .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        var process = Process.Start(info)!;
        var lines = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("attune up ended before it was ready."));
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (e.Data.StartsWith("ready:", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add("stderr: " + e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"attune up did not become ready: {string.Join('\n', lines)}", e);
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (lines)
        {
            foreach (var line in lines)
            {
                if (AddressLine().Match(line) is { Success: true } m)
                {
                    targets[m.Groups[1].Value] = m.Groups[2].Value;
                }
            }
        }

        return new AttuneUpProcess(process, lines, targets);
    }

    /// <summary>Sends SIGTERM and returns the exit code (waits at most 60 s, then kills and returns -1).</summary>
    public Task<int> TerminateAsync() => ServiceProcess.TerminateAsync(_process, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await TerminateAsync();
        _process.Dispose();
    }

    /// <summary>The demo API key this run printed ("demo key  demo-..."), for calls through the gateway.</summary>
    public string DemoKey
    {
        get
        {
            lock (_lines)
            {
                return _lines.Select(l => DemoKeyLine().Match(l)).First(m => m.Success).Groups[1].Value;
            }
        }
    }

    [GeneratedRegex(@"^\s+demo key\s+(\S+)")]
    private static partial Regex DemoKeyLine();

    [GeneratedRegex(@"^\s+(\w+)\s+http://(127\.0\.0\.1:\d+)/?$")]
    private static partial Regex AddressLine();
}
