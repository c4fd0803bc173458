using Attune.Contracts.Testing.V1;
using Attune.Contracts.V1;
using Attune.Gateway.Tests.Hosting;
using Grpc.Core;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>A backend that is not there, or goes away: the client gets UNAVAILABLE naming the cluster.</summary>
public sealed class BackendDownTests
{
    [Fact]
    public async Task Grpc_serviceAddressNothingListensOn_unavailableNamingTheCluster()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<RpcException>(() => new AdapterService.AdapterServiceClient(gateway.Channel)
            .GetProfileAsync(new GetProfileRequest { UserId = "alice" }, GatewayHost.WithKey(TestKeys.Open)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("cluster 'adapter'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_backendStopped_laterCallsUnavailable()
    {
        var backend = await EchoGatewayFixture.StartEchoAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>([EchoGatewayFixture.RouteTo(backend)]));
        var client = new EchoService.EchoServiceClient(gateway.Channel);
        await client.UnaryAsync(new EchoRequest { Message = "before" }, GatewayHost.WithKey(TestKeys.Open));

        await backend.DisposeAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryAsync(new EchoRequest { Message = "after" }, GatewayHost.WithKey(TestKeys.Open)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
