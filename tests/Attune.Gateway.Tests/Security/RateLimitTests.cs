using System.Net;
using System.Net.Http.Headers;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Grpc.Core;

namespace Attune.Gateway.Tests.Security;

/// <summary>
/// Per-key rate limits (ASP.NET Core's rate limiting middleware, one token bucket per key): the tight key's bucket
/// holds <see cref="TestKeys.TightBurst"/> tokens and refills one per 100 s, so the call after them is refused.
/// Each test has its own gateway, so its buckets start full.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Grpc_overLimit_resourceExhaustedTrailersOnlyWithRetryAfter()
    {
        await using var backend = await EchoGatewayFixture.StartEchoAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>([EchoGatewayFixture.RouteTo(backend)]));
        var client = new EchoService.EchoServiceClient(gateway.Channel);
        for (var i = 0; i < TestKeys.TightBurst; i++)
        {
            await client.UnaryAsync(new EchoRequest { Message = $"within-{i}" }, GatewayHost.WithKey(TestKeys.Tight));
        }

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryAsync(new EchoRequest { Message = "over" }, GatewayHost.WithKey(TestKeys.Tight)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("rate limit", error.Status.Detail, StringComparison.Ordinal);
        Assert.InRange(int.Parse(error.Trailers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture), 1, 100);
        await client.UnaryAsync(new EchoRequest { Message = "other key" }, GatewayHost.WithKey(TestKeys.Open));
    }

    [Fact]
    public async Task Grpc_overLimit_answerIsTrailersOnly()
    {
        await using var backend = await EchoGatewayFixture.StartEchoAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>([EchoGatewayFixture.RouteTo(backend)]));
        using var http = new HttpClient();
        HttpResponseMessage? last = null;

        // Empty bodies are enough: the gateway answers refused calls itself, before any message is read.
        for (var i = 0; i <= TestKeys.TightBurst; i++)
        {
            last?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.GrpcAddress, "/attune.testing.v1.EchoService/Unary"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent([]),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.Add("x-api-key", TestKeys.Tight);
            last = await http.SendAsync(request, TestContext.Current.CancellationToken);
            await last.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        }

        using var refused = last!;
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("8", Assert.Single(refused.Headers.GetValues("grpc-status")));
        Assert.Single(refused.Headers.GetValues("grpc-message"));
        Assert.Single(refused.Headers.GetValues("retry-after"));
        Assert.Empty(await refused.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Empty(refused.TrailingHeaders);
    }

    [Fact]
    public async Task Json_overLimit_429WithRetryAfter()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>());
        HttpStatusCode status = default;
        HttpResponseMessage? response = null;
        for (var i = 0; i <= TestKeys.TightBurst; i++)
        {
            response?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/alice/profile");
            request.Headers.Add("x-api-key", TestKeys.Tight);
            response = await gateway.Web.SendAsync(request, TestContext.Current.CancellationToken);
            status = response.StatusCode;
        }

        using var refused = response!;
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter.Delta.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));
    }
}
