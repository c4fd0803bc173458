using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>YARP's X-Forwarded-* headers reach the backends unless <c>Gateway:ForwardedHeaders</c> is false.</summary>
public sealed class ForwardedHeadersTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    [Fact]
    public async Task Default_backendSeesClientAddressAndScheme()
    {
        await new EchoService.EchoServiceClient(fixture.Gateway.Channel)
            .UnaryAsync(new EchoRequest { Message = "forwarded-default" }, GatewayHost.WithKey(TestKeys.Open));

        var seen = fixture.Probe.Headers["forwarded-default"];
        Assert.Equal("127.0.0.1", seen.Get("x-forwarded-for")?.Value);
        Assert.Equal("http", seen.Get("x-forwarded-proto")?.Value);
    }

    [Fact]
    public async Task ForwardedHeadersOff_noForwardedHeaders()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>(
            [EchoGatewayFixture.RouteTo(fixture.Backend), new("Gateway:ForwardedHeaders", "false")]));

        await new EchoService.EchoServiceClient(gateway.Channel)
            .UnaryAsync(new EchoRequest { Message = "forwarded-off" }, GatewayHost.WithKey(TestKeys.Open));

        var seen = fixture.Probe.Headers["forwarded-off"];
        Assert.Null(seen.Get("x-forwarded-for"));
        Assert.Null(seen.Get("x-forwarded-proto"));
    }
}
