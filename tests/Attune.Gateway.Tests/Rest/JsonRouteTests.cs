using System.Net;
using System.Text;
using System.Text.Json;
using Attune.Gateway.Tests.Hosting;

namespace Attune.Gateway.Tests.Rest;

/// <summary>
/// The JSON routes on the web port (HTTP/1.1) reach a backend that serves them by gRPC JSON transcoding, through the
/// gateway's HTTP/2 cluster; replies in the proto3 JSON mapping, errors as the backend's google.rpc.Status.
/// </summary>
public sealed class JsonRouteTests(AdapterGatewayFixture fixture) : IClassFixture<AdapterGatewayFixture>
{
    [Fact]
    public async Task GetProfile_overHttp11_proto3JsonFromTheBackend()
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/users/alice/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var profile = body.RootElement.GetProperty("profile");
        Assert.Equal("alice", profile.GetProperty("userId").GetString());
        Assert.Equal("7", profile.GetProperty("modelVersion").GetString());
        Assert.Equal(2, profile.GetProperty("weights").GetProperty("mean").GetArrayLength());
    }

    [Fact]
    public async Task NextQuery_bodyAndPathUser_reachTheBackend()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/users/bob/next-query", "{\"strategy\":\"thompson\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("for-bob-thompson", body.RootElement.GetProperty("pair").GetProperty("pairId").GetString());
    }

    [Fact]
    public async Task SubmitAnswer_camelCaseBody_answered()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/users/carol/answers",
            "{\"pair\":{\"pairId\":\"p1\",\"prompt\":\"p\",\"responseA\":\"a\",\"responseB\":\"b\"},\"preference\":1,\"clientId\":\"c1\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("c-p1-1", body.RootElement.GetProperty("comparisonId").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("profile").GetProperty("answers").GetInt32());
    }

    [Fact]
    public async Task GetProfile_backendNotFound_404WithTheBackendsStatus()
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/users/status-5/profile");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("user_id: as asked", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Generate_generatorDown_503WithJsonError()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/users/alice/generate", "{\"prompt\":\"hi\"}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(14, body.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("generator", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task Page_servedWithoutKeyFromEmbeddedFiles(string path, string type)
    {
        using var response = await fixture.Gateway.Web.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", TestKeys.Open);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await fixture.Gateway.Web.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
