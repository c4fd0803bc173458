using System.Net;
using System.Text;
using System.Text.Json;
using Attune.Gateway.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Tests.Rest;

/// <summary>
/// The RL trainer faces (<c>/get_reward</c>, <c>/v1/score</c>, <c>/classify</c>) are routes of the embedded routes.json
/// to the adapter cluster, with the API key, the per-key rate limit and the JSON body limit of every JSON route: a
/// stand-in adapter answers them with what reached it.
/// </summary>
public sealed class RewardRouteTests
{
    public static TheoryData<string> Paths => ["/get_reward", "/v1/score", "/classify"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Route_withKey_forwardedToTheAdapterWithTheUserHeaderAndWithoutTheKey(string path)
    {
        await using var backend = await StartAdapterAsync();
        await using var gateway = await AdapterGatewayFixture.StartGatewayAsync(backend);

        using var response = await PostAsync(gateway, path, TestKeys.Open, "{\"query\":[]}", user: "cluster:1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(path, body.RootElement.GetProperty("path").GetString());
        Assert.Equal("cluster:1", body.RootElement.GetProperty("user").GetString());
        Assert.False(body.RootElement.GetProperty("key_forwarded").GetBoolean());
        Assert.Equal("{\"query\":[]}", body.RootElement.GetProperty("body").GetString());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Route_withoutKey_401NamingTheHeader(string path)
    {
        await using var backend = await StartAdapterAsync();
        await using var gateway = await AdapterGatewayFixture.StartGatewayAsync(backend);

        using var response = await PostAsync(gateway, path, key: null, "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(16, body.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("x-api-key", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReward_overTheKeysLimit_429WithRetryAfter()
    {
        await using var backend = await StartAdapterAsync();
        await using var gateway = await AdapterGatewayFixture.StartGatewayAsync(backend);
        for (var i = 0; i < TestKeys.TightBurst; i++)
        {
            using var within = await PostAsync(gateway, "/get_reward", TestKeys.Tight, "{}");
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        }

        using var refused = await PostAsync(gateway, "/get_reward", TestKeys.Tight, "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter.Delta.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(8, body.RootElement.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("/get_reward")]
    [InlineData("/classify")]
    public async Task Route_bodyOverTheJsonLimit_413(string path)
    {
        await using var backend = await StartAdapterAsync();
        await using var gateway = await AdapterGatewayFixture.StartGatewayAsync(backend, new Dictionary<string, string?> { ["Gateway:MaxRestBodyBytes"] = "1024" });

        using var response = await PostAsync(gateway, path, TestKeys.Open, "{\"query\":[\"" + new string('x', 4096) + "\"]}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static Task<Backend> StartAdapterAsync() => Backend.StartAsync(_ => { }, app =>
    {
        foreach (var path in new[] { "/get_reward", "/v1/score", "/classify" })
        {
            app.MapPost(path, async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                return Results.Json(new Dictionary<string, object?>
                {
                    ["path"] = context.Request.Path.Value,
                    ["user"] = context.Request.Headers["x-attune-user"].ToString(),
                    ["key_forwarded"] = context.Request.Headers.ContainsKey("x-api-key"),
                    ["body"] = body,
                });
            });
        }
    });

    private static async Task<HttpResponseMessage> PostAsync(GatewayHost gateway, string path, string? key, string json, string? user = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (user is not null)
        {
            request.Headers.Add("x-attune-user", user);
        }

        return await gateway.Web.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
