using System.Diagnostics;
using System.Text;

namespace Attune.Browser.Tests;

/// <summary>
/// <c>attune up</c> as its own process (the CLI's build output, same configuration as this test), on free ports with its
/// data in a temp folder, read until it prints the page URL and "ready" (the demo population seeded and a model in
/// force). Stopped with SIGTERM, as Ctrl+C would.
/// </summary>
public sealed class AttuneUp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly Process _process;
    private readonly string _dataDir;
    private readonly StringBuilder _log;

    private AttuneUp(Process process, string dataDir, StringBuilder log, Uri page)
    {
        _process = process;
        _dataDir = dataDir;
        _log = log;
        PageUrl = page;
    }

    /// <summary>The page URL, with the demo key in its fragment.</summary>
    public Uri PageUrl { get; }

    /// <summary>What attune up printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The CLI's assembly under src/Attune.Cli/bin/CONFIG/TFM, next to this test's own build.</summary>
    public static string CliPath()
    {
        // This assembly lives in tests/Attune.Browser.Tests/bin/CONFIG/TFM/.
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, config) = (bin.Name, bin.Parent!.Name);
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "Attune.Cli", "bin", config, tfm, "attune.dll");
    }

    /// <summary>Starts attune up and waits until it is ready.</summary>
    public static async Task<AttuneUp> StartAsync(CancellationToken cancellationToken)
    {
        var cli = CliPath();
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException($"Build the CLI first (dotnet build src/Attune.Cli): {cli}", cli);
        }

        var dataDir = Path.Combine(Path.GetTempPath(), $"attune-up-browser-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("dotnet", [cli, "up", "--data", dataDir, "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        var log = new StringBuilder();
        var page = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? url = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                page.TrySetException(new InvalidOperationException("attune up ended before it was ready."));
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            if (line.StartsWith("page: ", StringComparison.Ordinal))
            {
                url = new Uri(line["page: ".Length..].Trim());
            }
            else if (line.StartsWith("ready", StringComparison.Ordinal) && url is not null)
            {
                page.TrySetResult(url);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await page.Task.WaitAsync(StartTimeout, cancellationToken);
            return new AttuneUp(process, dataDir, log, ready);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"attune up did not become ready:\n{log}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the same graceful stop as Ctrl+C; killed if it takes too long.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
