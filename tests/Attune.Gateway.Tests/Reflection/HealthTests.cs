using Attune.Gateway.Tests.Hosting;
using Grpc.Health.V1;

namespace Attune.Gateway.Tests.Reflection;

/// <summary>grpc.health.v1 at the gateway (no key needed) reports, per service name, whether that service's backend answers.</summary>
public sealed class HealthTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private global::Grpc.Health.V1.Health.HealthClient Client => new(fixture.Gateway.Channel);

    [Fact]
    public async Task Check_routedServiceWhoseBackendAnswers_serving()
    {
        var reply = await Client.CheckAsync(new HealthCheckRequest { Service = "attune.testing.v1.EchoService" }, GatewayHost.WithKey(null));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Check_serviceWhoseBackendIsDown_notServing()
    {
        var reply = await Client.CheckAsync(new HealthCheckRequest { Service = "attune.v1.AdapterService" }, GatewayHost.WithKey(null));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, reply.Status);
    }

    [Fact]
    public async Task Check_overall_notServingWhileABackendIsDown()
    {
        var reply = await Client.CheckAsync(new HealthCheckRequest(), GatewayHost.WithKey(null));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, reply.Status);
    }

    [Fact]
    public async Task Check_self_servingWhileABackendIsDown()
    {
        // What the gateway's probes ask: one backend down must not take the front door out of rotation.
        var reply = await Client.CheckAsync(new HealthCheckRequest { Service = "self" }, GatewayHost.WithKey(null));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
