using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Contracts.V1;
using Attune.Gateway.Tests.Hosting;
using Attune.Rpc;
using Attune.Rpc.Health.V1;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>Which calls go where: unreachable and unconfigured backends, unknown services, the gateway's own health.</summary>
public sealed class ForwardingRoutingTests
{
    [Fact]
    public async Task Unary_backendNotListening_unavailableNamingTheService()
    {
        var closed = Ports.Free();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Services:Feedback"] = $"http://127.0.0.1:{closed}" });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new FeedbackServiceClient(gateway.Channel).GetStatsAsync(new GetStatsRequest(), GatewayHost.WithKey(TestKeys.Open)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("attune.v1.FeedbackService", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_serviceWithoutAddress_unavailableNamingTheConfigurationKey()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new GeneratorServiceClient(gateway.Channel).GenerateAsync(new GenerateRequest { UserId = "u", Prompt = "p" }, GatewayHost.WithKey(TestKeys.Open)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Services:Generator", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_unknownService_unimplemented()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());

        // The echo service is not routed by this gateway.
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new EchoServiceClient(gateway.Channel).UnaryAsync(new EchoRequest(), GatewayHost.WithKey(TestKeys.Open)));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_noKey_gatewayServing()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());

        var reply = await new HealthClient(gateway.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
