using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Attune.Rpc;

namespace Attune.Gateway.Tests.Security;

/// <summary>API keys on gRPC calls: refused without a valid one, accepted in either header, never forwarded.</summary>
public sealed class ApiKeyTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private EchoServiceClient Client => new(fixture.Gateway.Channel);

    [Fact]
    public async Task Unary_noKey_unauthenticatedAndBackendNotCalled()
    {
        var before = fixture.Backend.Probe.Headers.Count;

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync(new EchoRequest { Message = "m" }));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(before, fixture.Backend.Probe.Headers.Count);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("test-key-open-5b0")]
    [InlineData("test-key-open-5b0f ")]
    public async Task Unary_wrongKey_unauthenticated(string key)
    {
        var options = new CallOptions { Headers = new Metadata { { "x-api-key", key.TrimEnd() + (key.EndsWith(' ') ? "x" : string.Empty) } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync(new EchoRequest(), options));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Unary_bearerKey_acceptedAndAuthorizationNotForwarded()
    {
        var options = new CallOptions { Headers = new Metadata { { "authorization", "Bearer " + TestKeys.Open }, { "x-trace", "t1" } } };

        var reply = await Client.UnaryAsync(new EchoRequest { Message = "bearer" }, options);

        Assert.Equal("bearer", reply.Message);
        var seen = fixture.Backend.Probe.Headers.Last(h => h.GetValue("x-trace") == "t1");
        Assert.Null(seen.GetValue("authorization"));
    }

    [Fact]
    public async Task Unary_apiKeyHeader_keyNotForwardedButOtherMetadataIs()
    {
        var options = GatewayHost.WithKey(TestKeys.Open);
        options.Headers!.Add("x-request-id", "req-42");

        await Client.UnaryAsync(new EchoRequest(), options);

        var seen = fixture.Backend.Probe.Headers.Last(h => h.GetValue("x-request-id") == "req-42");
        Assert.Null(seen.GetValue("x-api-key"));
    }
}
