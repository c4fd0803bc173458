using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// A running <c>python/echo_server.py</c> (python grpcio as the server) on a free loopback port, with the events it prints
/// (<c>cancelled</c>, <c>attempt</c>) readable by the test.
/// </summary>
public sealed class PythonEchoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _stderr;

    private PythonEchoServer(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The h2c address for a client, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Starts a server; <paramref name="args"/> are extra options, e.g. <c>--gzip</c>, <c>--max-receive 1024</c>.</summary>
    public static async Task<PythonEchoServer> StartAsync(params string[] args)
    {
        var info = Python.StartInfo("echo_server.py", ["--gen", Python.StubsDirectory, "--port", "0", .. args]);
        var server = new PythonEchoServer(Process.Start(info)!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await server._process.StandardOutput.ReadLineAsync(timeout.Token);
        if (first is null)
        {
            await server._stderr;
            throw new InvalidOperationException($"python echo server did not start: {((Task<string>)server._stderr).Result}");
        }

        server.Port = JsonDocument.Parse(first).RootElement.GetProperty("port").GetInt32();
        _ = server.PumpEventsAsync();
        return server;
    }

    /// <summary>Waits for the next event matching <paramref name="match"/>, skipping others; fails after <paramref name="seconds"/>.</summary>
    public async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                if (match(e))
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"python echo server printed no matching event within {seconds} s");
            throw;
        }
    }

    /// <summary>Every event printed so far that was not consumed by <see cref="WaitForEventAsync"/>.</summary>
    public List<JsonElement> DrainEvents()
    {
        var list = new List<JsonElement>();
        while (_events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task PumpEventsAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{'))
            {
                _events.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        _events.Writer.TryComplete();
    }
}
