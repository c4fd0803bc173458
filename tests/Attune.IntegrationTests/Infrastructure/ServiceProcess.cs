using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Health.V1;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// An Attune service run as its own process from its build output (the configuration of this test assembly), as
/// operators run it: configured by environment variables, on a given 127.0.0.1 port, ready once grpc.health.v1 answers
/// SERVING. Its output is kept (the last lines) so a failing test can say what the service logged.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private ServiceProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The service's folder name under services/ ("feedback", "trainer", "adapter").</summary>
    public string Name { get; }

    public int Port { get; }

    /// <summary>The process id (for signals).</summary>
    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>http://127.0.0.1:PORT.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>The last lines the service wrote to stdout and stderr.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_log)
            {
                return string.Join(Environment.NewLine, _log);
            }
        }
    }

    /// <summary>
    /// Starts services/<paramref name="service"/> (assembly Attune.NAME) on <paramref name="port"/> with
    /// <paramref name="environment"/> and waits until it is SERVING (at most 90 s).
    /// </summary>
    /// <remarks>
    /// <paramref name="healthService"/> is the grpc.health.v1 name asked: "" (everything the service needs), or e.g. the
    /// gateway's "self" when some of its backends are deliberately absent.
    /// </remarks>
    public static async Task<ServiceProcess> StartAsync(
        string service, int port, IReadOnlyDictionary<string, string> environment, string healthService = "")
    {
        var assembly = "Attune." + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(service);
        var path = RepositoryLayout.ServiceAssembly(service, assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Build the service first (dotnet build services/{service}): {path}", path);
        }

        var info = new ProcessStartInfo("dotnet", [path, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var started = new ServiceProcess(service, Process.Start(info)!, port);
        try
        {
            await started.WaitServingAsync(TimeSpan.FromSeconds(90), healthService);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>SIGKILL: the process dies at once, as on an OOM kill or a lost node; nothing of it runs any more.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; waits at most 30 s, then kills. Returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
                return -1;
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await TerminateAsync();
        _process.Dispose();
    }

    private async Task WaitServingAsync(TimeSpan timeout, string healthService)
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before serving:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest { Service = healthService }, new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(2)));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Exception e) when (e is RpcException or HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not SERVING on port {Port} within {timeout}:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > KeptLines)
            {
                _log.Dequeue();
            }
        }
    }
}
