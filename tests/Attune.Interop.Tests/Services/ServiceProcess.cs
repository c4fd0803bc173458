using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// An Attune service started as its own process from its build output (the same configuration as this test assembly),
/// on a free 127.0.0.1 port with its data in a temp folder; stopped with SIGTERM like Kubernetes does.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;

    private ServiceProcess(Process process, string dataDir, int port)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>host:port, as python grpcio takes it.</summary>
    public string Target => $"127.0.0.1:{Port}";

    /// <summary>The service's assembly under services/NAME/bin/CONFIG/net10.0, next to this test's own build.</summary>
    public static string AssemblyPath(string service, string assembly) =>
        BuildOutputPath(Path.Combine("services", service), assembly);

    /// <summary>
    /// The assembly of the project in <paramref name="projectDirectory"/> (relative to the repository root), built with
    /// this test's configuration and target framework.
    /// </summary>
    public static string BuildOutputPath(string projectDirectory, string assembly)
    {
        // This assembly lives in tests/Attune.Interop.Tests/bin/CONFIG/TFM/.
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, config) = (bin.Name, bin.Parent!.Name);
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, projectDirectory, "bin", config, tfm, assembly + ".dll");
    }

    /// <summary>Starts the service and waits until it accepts connections (at most 60 s).</summary>
    public static async Task<ServiceProcess> StartAsync(string service, string assembly)
    {
        var path = AssemblyPath(service, assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Build the service first (dotnet build services/{service}): {path}", path);
        }

        var port = FreePort();
        var dataDir = Path.Combine(Path.GetTempPath(), $"attune-{service}-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("dotnet", [path, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        info.Environment["Attune__DataDir"] = dataDir;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new ServiceProcess(process, dataDir, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await CanConnectAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await started.DisposeAsync();
                throw new InvalidOperationException($"{service} did not start listening on {port}.");
            }

            await Task.Delay(100);
        }

        return started;
    }

    /// <summary>Sends SIGTERM and returns the exit code (waits at most 30 s, then kills).</summary>
    public Task<int> TerminateAsync() => TerminateAsync(_process, TimeSpan.FromSeconds(30));

    /// <summary>
    /// Sends SIGTERM to <paramref name="process"/>, as Kubernetes does, and returns its exit code; after
    /// <paramref name="wait"/> kills it and returns -1.
    /// </summary>
    public static async Task<int> TerminateAsync(Process process, TimeSpan wait)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(wait);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return -1;
            }
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await TerminateAsync();
        _process.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
