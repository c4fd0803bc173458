using System.Diagnostics;
using System.Net.Sockets;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// tests/Attune.EchoServer as its own process (from the copy next to this test assembly) on a free port, so a test can
/// kill it mid-call the way a crashing backend dies.
/// </summary>
public sealed class EchoProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EchoProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The backend's address.</summary>
    public Uri Address { get; }

    /// <summary>Starts the server and waits until it accepts connections (at most 60 s).</summary>
    public static async Task<EchoProcess> StartAsync()
    {
        var port = Ports.Free();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Attune.EchoServer.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new EchoProcess(process, port);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await CanConnectAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                await started.DisposeAsync();
                throw new InvalidOperationException($"The echo server did not start on port {port}.");
            }

            await Task.Delay(100);
        }

        return started;
    }

    /// <summary>Kills the process at once (SIGKILL): its connections are torn down with no goodbye.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
