namespace Attune.Interop.Tests.Hosting;

/// <summary>One in-process Attune EchoServer with default options, shared by the tests of a class.</summary>
public sealed class EchoHostFixture : IAsyncDisposable
{
    private readonly Lazy<AttuneEchoHost> _host = new(() => new AttuneEchoHost());

    /// <summary>The host, started on first use (so a class whose tests all skip never starts one).</summary>
    public AttuneEchoHost Host => _host.Value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host.IsValueCreated)
        {
            await _host.Value.DisposeAsync();
        }
    }
}
