using System.Net;
using System.Text.Json;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Grpc.Core;

namespace Attune.Gateway.Tests.Security;

/// <summary>API keys at the gateway: missing and wrong keys refused, both headers accepted, the key never forwarded.</summary>
public sealed class ApiKeyTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private EchoService.EchoServiceClient Client => new(fixture.Gateway.Channel);

    [Fact]
    public async Task Grpc_noKey_unauthenticatedAndBackendNeverCalled()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UnaryAsync(new EchoRequest { Message = "no-key" }, GatewayHost.WithKey(null)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-api-key", error.Status.Detail, StringComparison.Ordinal);
        Assert.False(fixture.Probe.Headers.ContainsKey("no-key"));
    }

    [Fact]
    public async Task Grpc_wrongKey_unauthenticatedAndBackendNeverCalled()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UnaryAsync(new EchoRequest { Message = "wrong-key" }, GatewayHost.WithKey("not-a-configured-key")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("The API key is not valid.", error.Status.Detail);
        Assert.False(fixture.Probe.Headers.ContainsKey("wrong-key"));
    }

    [Fact]
    public async Task Grpc_keyInXApiKey_forwardedWithoutTheKey()
    {
        await Client.UnaryAsync(new EchoRequest { Message = "x-api-key" }, GatewayHost.WithKey(TestKeys.Open));

        Assert.Null(fixture.Probe.Headers["x-api-key"].Get("x-api-key"));
    }

    [Fact]
    public async Task Grpc_keyAsBearer_acceptedAndAuthorizationNotForwarded()
    {
        var options = GatewayHost.WithKey(null);
        options.Headers!.Add("authorization", $"Bearer {TestKeys.Open}");

        await Client.UnaryAsync(new EchoRequest { Message = "bearer" }, options);

        Assert.Null(fixture.Probe.Headers["bearer"].Get("authorization"));
    }

    [Fact]
    public async Task Grpc_otherAuthorization_passesThroughUntouched()
    {
        var options = GatewayHost.WithKey(TestKeys.Open);
        options.Headers!.Add("authorization", "Basic dXNlcjpwYXNz");

        await Client.UnaryAsync(new EchoRequest { Message = "basic" }, options);

        Assert.Equal("Basic dXNlcjpwYXNz", fixture.Probe.Headers["basic"].GetValue("authorization"));
    }

    [Fact]
    public async Task Json_noKey_401WithJsonError()
    {
        using var response = await fixture.Gateway.Web.GetAsync(new Uri("/v1/users/alice/profile", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)StatusCode.Unauthenticated, body.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("API key", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
