using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>An echo backend and a gateway routing attune.testing.v1.EchoService to it (<c>Gateway:Routes</c>), shared by a test class.</summary>
public sealed class EchoGatewayFixture : IAsyncLifetime
{
    /// <summary>The backend.</summary>
    public Backend Backend { get; private set; } = null!;

    /// <summary>What the backend saw.</summary>
    public EchoProbe Probe => Backend.Services.GetRequiredService<EchoProbe>();

    /// <summary>The gateway in front of it.</summary>
    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>Starts an echo backend whose largest message is <paramref name="maxMessageBytes"/>.</summary>
    public static Task<Backend> StartEchoAsync(int maxMessageBytes = Backend.MaxMessageBytes) => Backend.StartAsync(
        s => s.AddSingleton<EchoProbe>(),
        a => a.MapGrpcService<EchoBackendService>(),
        maxMessageBytes);

    /// <summary>The gateway setting that routes the echo service to <paramref name="backend"/>.</summary>
    public static KeyValuePair<string, string?> RouteTo(Backend backend) =>
        new("Gateway:Routes:attune.testing.v1.EchoService", backend.Address.ToString());

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Backend = await StartEchoAsync();
        Gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>([RouteTo(Backend)]));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
