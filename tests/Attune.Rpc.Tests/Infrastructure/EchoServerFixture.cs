using Attune.Contracts.Clients;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>One echo server shared by the tests that need nothing special from it.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private TestHost? _host;

    public TestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public GrpcChannel Channel { get; private set; } = null!;

    public EchoServiceClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.StartEchoAsync();
        Channel = _host.CreateChannel();
        Client = new EchoServiceClient(Channel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
