using System.Net;
using System.Net.Http.Json;
using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Attune.Rpc;
using Google.Protobuf;

namespace Attune.Gateway.Tests.Security;

/// <summary>Per-key rate limits and request size limits, on gRPC and on the JSON face.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Unary_pastTheBurstOfTheKey_resourceExhaustedWithRetryAfter()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { [backend.Route.Key] = backend.Route.Value });
        var client = new EchoServiceClient(gateway.Channel);
        for (var i = 0; i < TestKeys.TightBurst; i++)
        {
            await client.UnaryAsync(new EchoRequest(), GatewayHost.WithKey(TestKeys.Tight));
        }

        using var call = client.ServerStream(new EchoRequest(), GatewayHost.WithKey(TestKeys.Tight));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(int.Parse(headers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task Unary_otherKeyAfterOneIsExhausted_stillServed()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { [backend.Route.Key] = backend.Route.Value });
        var client = new EchoServiceClient(gateway.Channel);
        for (var i = 0; i <= TestKeys.TightBurst; i++)
        {
            await Record.ExceptionAsync(() => client.UnaryAsync(new EchoRequest(), GatewayHost.WithKey(TestKeys.Tight)));
        }

        var reply = await client.UnaryAsync(new EchoRequest { Message = "open" }, GatewayHost.WithKey(TestKeys.Open));

        Assert.Equal("open", reply.Message);
    }

    [Fact]
    public async Task Rest_pastTheBurstOfTheKey_429WithRetryAfterAndJsonError()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = gateway.WebAddress };
        http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Tight);
        for (var i = 0; i < TestKeys.TightBurst; i++)
        {
            (await http.GetAsync("/v1/users/u/profile", TestContext.Current.CancellationToken)).Dispose();
        }

        using var response = await http.GetAsync("/v1/users/u/profile", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("RESOURCE_EXHAUSTED", body.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unary_messageOverTheGatewayLimit_resourceExhaustedAndNotForwarded()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            [backend.Route.Key] = backend.Route.Value,
            ["Gateway:MaxRequestMessageBytes"] = "1024",
        });
        var client = new EchoServiceClient(gateway.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[4096]) }, GatewayHost.WithKey(TestKeys.Open)));
        var small = await client.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[512]) }, GatewayHost.WithKey(TestKeys.Open));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("1024", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(512, small.Payload.Length);
    }

    [Fact]
    public async Task Rest_bodyOverTheLimit_413()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:MaxRestBodyBytes"] = "1000" });
        using var http = new HttpClient { BaseAddress = gateway.WebAddress };
        http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Open);

        using var response = await http.PostAsync(
            "/v1/comparisons", new StringContent(new string(' ', 5000) + "{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Rest_noKey_401JsonError()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = gateway.WebAddress };

        using var response = await http.GetAsync("/v1/users/u/profile", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Page_noKey_servedWithoutAuthentication()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = gateway.WebAddress };

        using var page = await http.GetAsync("/", TestContext.Current.CancellationToken);
        using var health = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
