using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Contracts.Clients;
using Attune.Contracts.V1;
using Attune.Gateway.Tests.Hosting;

namespace Attune.Gateway.Tests.Rest;

/// <summary>The real feedback service behind the gateway, through gRPC and the JSON face.</summary>
public sealed class RealFeedbackTests : IAsyncLifetime
{
    private FeedbackBackend _feedback = null!;
    private GatewayHost _gateway = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _feedback = await FeedbackBackend.StartAsync();
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Services:Feedback"] = _feedback.Address.ToString() });
        _http = new HttpClient { BaseAddress = _gateway.WebAddress };
        _http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Open);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _feedback.DisposeAsync();
    }

    [Fact]
    public async Task RecordComparison_restThenGrpcStats_storedOnceAndCounted()
    {
        const string body = """{"userId": "u1", "prompt": "p", "responseA": "a", "responseB": "b", "preference": 1, "clientId": "rest-1"}""";

        using var first = await Post(body);
        using var again = await Post(body);
        var stats = await new FeedbackServiceClient(_gateway.Channel).GetStatsAsync(new GetStatsRequest(), GatewayHost.WithKey(TestKeys.Open));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = (await Json(first)).GetProperty("comparisonId").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.True((await Json(again)).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, stats.Comparisons);
    }

    [Fact]
    public async Task RecordComparison_missingUser_400NamingTheField()
    {
        using var response = await Post("""{"prompt": "p", "responseA": "a", "responseB": "b", "preference": 1}""");
        var error = (await Json(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("comparison.user_id", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Post(string json) =>
        _http.PostAsync("/v1/comparisons", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
}
