namespace Attune.Gateway.Tests.Hosting;

/// <summary>One echo backend and one gateway routing attune.testing.v1.EchoService to it, shared by a test class.</summary>
public sealed class EchoGatewayFixture : IAsyncLifetime
{
    /// <summary>The backend.</summary>
    public EchoBackend Backend { get; private set; } = null!;

    /// <summary>The gateway in front of it.</summary>
    public GatewayHost Gateway { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Backend = await EchoBackend.StartAsync();
        Gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { [Backend.Route.Key] = Backend.Route.Value });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
