using System.Net;
using System.Text;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Google.Protobuf;
using Grpc.Core;

namespace Attune.Gateway.Tests.Security;

/// <summary>Request size limits: the JSON routes' body at the gateway (<c>Gateway:MaxRestBodyBytes</c>), each gRPC message at the backend.</summary>
public sealed class SizeLimitTests
{
    [Fact]
    public async Task Grpc_messageOverTheBackendsLimit_resourceExhaustedThroughTheGateway()
    {
        await using var backend = await EchoGatewayFixture.StartEchoAsync(maxMessageBytes: 1024 * 1024);
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>([EchoGatewayFixture.RouteTo(backend)]));
        var client = new EchoService.EchoServiceClient(gateway.Channel);

        await client.UnaryAsync(new EchoRequest { Message = "small", Payload = ByteString.CopyFrom(new byte[1_000_000]) }, GatewayHost.WithKey(TestKeys.Open));
        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(
            new EchoRequest { Message = "too large", Payload = ByteString.CopyFrom(new byte[2_000_000]) }, GatewayHost.WithKey(TestKeys.Open)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Json_bodyOverLimit_413()
    {
        await using var backend = await AdapterGatewayFixture.StartAdapterAsync();
        await using var gateway = await AdapterGatewayFixture.StartGatewayAsync(backend, new Dictionary<string, string?> { ["Gateway:MaxRestBodyBytes"] = "1024" });
        using var small = new HttpRequestMessage(HttpMethod.Post, "/v1/users/alice/next-query")
        {
            Content = new StringContent("{\"strategy\":\"x\"}", Encoding.UTF8, "application/json"),
        };
        small.Headers.Add("x-api-key", TestKeys.Open);
        using var accepted = await gateway.Web.SendAsync(small, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/alice/next-query")
        {
            Content = new StringContent($"{{\"strategy\":\"{new string('x', 2000)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestKeys.Open);

        using var response = await gateway.Web.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
