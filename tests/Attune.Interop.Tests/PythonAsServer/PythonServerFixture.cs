using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>One python grpcio echo server with default options, shared by the tests of a class, started on first use.</summary>
public sealed class PythonServerFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PythonEchoServer? _server;

    /// <summary>The running server (started by the first caller).</summary>
    public async Task<PythonEchoServer> GetAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _server ??= await PythonEchoServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
