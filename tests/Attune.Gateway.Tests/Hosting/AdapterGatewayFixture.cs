using Microsoft.AspNetCore.Builder;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in adapter (<see cref="FakeAdapterService"/> on Grpc.AspNetCore with JSON transcoding, as the real services
/// serve their JSON routes) and a gateway whose <c>Services:Adapter</c> points at it, shared by a test class.
/// </summary>
public sealed class AdapterGatewayFixture : IAsyncLifetime
{
    /// <summary>The backend.</summary>
    public Backend Backend { get; private set; } = null!;

    /// <summary>The gateway in front of it.</summary>
    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>Starts a stand-in adapter.</summary>
    public static Task<Backend> StartAdapterAsync() => Backend.StartAsync(_ => { }, a => a.MapGrpcService<FakeAdapterService>());

    /// <summary>Starts a gateway in front of <paramref name="backend"/> with <paramref name="settings"/>.</summary>
    public static Task<GatewayHost> StartGatewayAsync(Backend backend, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Services:Adapter"] = backend.Address.ToString() };
        return GatewayHost.StartAsync(all);
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Backend = await StartAdapterAsync();
        Gateway = await StartGatewayAsync(Backend);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
