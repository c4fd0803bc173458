using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Gateway.Tests.Hosting;

namespace Attune.Gateway.Tests.Rest;

/// <summary>The JSON face against a stand-in adapter: proto3 JSON both ways and gRPC statuses as HTTP statuses.</summary>
public sealed class RestMappingTests : IAsyncLifetime
{
    private EchoBackend _adapter = null!;
    private GatewayHost _gateway = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _adapter = await EchoBackend.StartAsync(app => Attune.Rpc.GrpcEndpointRouteBuilderExtensions.MapGrpcService<FakeAdapterService>(app));
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Services:Adapter"] = _adapter.Address.ToString() });
        _http = new HttpClient { BaseAddress = _gateway.WebAddress };
        _http.DefaultRequestHeaders.Add("x-api-key", TestKeys.Open);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _adapter.DisposeAsync();
    }

    [Fact]
    public async Task GetProfile_knownUser_proto3JsonWithDefaultsAndCamelCase()
    {
        using var response = await _http.GetAsync("/v1/users/alice/profile", TestContext.Current.CancellationToken);
        var profile = (await Json(response)).GetProperty("profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", profile.GetProperty("userId").GetString());
        Assert.Equal("7", profile.GetProperty("modelVersion").GetString());
        Assert.Equal(0, profile.GetProperty("answers").GetInt32());
        Assert.Equal([0.5, -0.25], profile.GetProperty("weights").GetProperty("mean").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task NextQuery_userInPathAndBody_pathWinsAndBodyFieldsPass()
    {
        using var response = await Post("/v1/users/bob/next-query", """{"userId": "mallory", "strategy": "random"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("for-bob-random", (await Json(response)).GetProperty("pair").GetProperty("pairId").GetString());
    }

    [Fact]
    public async Task SubmitAnswer_snakeCaseFieldNames_acceptedAsProto3JsonAllows()
    {
        using var response = await Post("/v1/users/carol/answers", """{"pair": {"prompt": "p", "response_a": "a", "response_b": "b"}, "preference": 0.5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("c-0.5", (await Json(response)).GetProperty("comparisonId").GetString());
    }

    [Theory]
    [InlineData(3, HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData(5, HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData(9, HttpStatusCode.Conflict, "FAILED_PRECONDITION")]
    [InlineData(8, HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED")]
    [InlineData(14, HttpStatusCode.ServiceUnavailable, "UNAVAILABLE")]
    [InlineData(4, HttpStatusCode.GatewayTimeout, "DEADLINE_EXCEEDED")]
    [InlineData(13, HttpStatusCode.InternalServerError, "INTERNAL")]
    public async Task GetProfile_backendFails_mappedStatusAndJsonErrorNamingTheField(int code, HttpStatusCode expected, string name)
    {
        using var response = await _http.GetAsync($"/v1/users/status-{code}/profile", TestContext.Current.CancellationToken);
        var error = (await Json(response)).GetProperty("error");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(name, error.GetProperty("status").GetString());
        Assert.Equal((int)expected, error.GetProperty("code").GetInt32());
        Assert.Equal("user_id: as asked", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"strategy": 12""")]
    [InlineData("""{"noSuchField": 1}""")]
    [InlineData("""{"seed": "not a number"}""")]
    public async Task NextQuery_badJson_400InvalidArgument(string body)
    {
        using var response = await Post("/v1/users/dave/next-query", body);
        var error = (await Json(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Generate_generatorNotConfigured_503NamingTheSetting()
    {
        using var response = await Post("/v1/users/erin/generate", """{"prompt": "hi"}""");
        var error = (await Json(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Services:Generator", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_threeResponses_threeScores()
    {
        using var response = await Post("/v1/users/fay/score", """{"prompt": "p", "responses": ["x", "y", "z"]}""");
        var scores = (await Json(response)).GetProperty("scores");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, scores.GetArrayLength());
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
}
