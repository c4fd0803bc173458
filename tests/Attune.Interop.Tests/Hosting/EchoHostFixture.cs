namespace Attune.Interop.Tests.Hosting;

/// <summary>One in-process Attune EchoServer with default options, shared by the tests of a class, reached directly.</summary>
public sealed class EchoHostFixture : IEchoEndpoint, IAsyncDisposable
{
    private readonly Lazy<AttuneEchoHost> _host = new(() => new AttuneEchoHost());

    /// <summary>The host, started on first use (so a class whose tests all skip never starts one).</summary>
    public AttuneEchoHost Host => _host.Value;

    /// <inheritdoc />
    public string Target => Host.Target;

    /// <inheritdoc />
    public string? ApiKey => null;

    /// <inheritdoc />
    public CancellationProbe Probe => Host.Probe;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host.IsValueCreated)
        {
            await _host.Value.DisposeAsync();
        }
    }
}
