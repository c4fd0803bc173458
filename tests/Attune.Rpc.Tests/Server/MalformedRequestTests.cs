using System.Net;
using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Attune.Rpc.Tests.Server;

public sealed class MalformedRequestTests(EchoServerFixture server)
{
    private static readonly byte[] Valid = new EchoRequest { Message = "fine" }.ToByteArray();

    public static TheoryData<string, byte[], string> BadBodies => new()
    {
        { "truncated frame", RawGrpc.Frame(Valid)[..^2], "13" },
        { "header only part", [0, 0, 0], "13" },
        { "length beyond body", [0, 0, 0, 0, 100, 1, 2, 3], "13" },
        { "length beyond limit", [0, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2], "8" },
        { "bad compressed flag", [7, 0, 0, 0, 1, 0], "13" },
        { "garbage protobuf", RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), "13" },
        { "empty body", [], "13" },
        { "two messages for unary", [.. RawGrpc.Frame(Valid), .. RawGrpc.Frame(Valid)], "13" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Unary_malformed_body_answers_status_and_server_keeps_serving(string name, byte[] body, string status)
    {
        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body);

        Assert.True(status == response.GrpcStatus, $"{name}: got grpc-status {response.GrpcStatus}");
        Assert.Equal("after", (await server.Client.UnaryAsync(new EchoRequest { Message = "after" })).Message);
    }

    [Fact]
    public async Task ClientStream_truncated_last_frame_answers_internal()
    {
        byte[] body = [.. RawGrpc.Frame(Valid), .. RawGrpc.Frame(Valid)[..4]];

        var response = await RawGrpc.SendAsync(server.Host.Address, "/attune.testing.v1.EchoService/ClientStream", body);

        Assert.Equal("13", response.GrpcStatus);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/grpcx")]
    public async Task Request_wrong_content_type_answers_415(string contentType)
    {
        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, RawGrpc.Frame(Valid), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Request_grpc_proto_content_type_accepted()
    {
        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, RawGrpc.Frame(Valid), "application/grpc+proto");

        Assert.Equal("0", response.GrpcStatus);
    }

    [Fact]
    public async Task Request_over_http1_answers_426()
    {
        await using var host = await TestHost.StartCustomAsync(
            app => app.MapGrpcService<ProbeEchoService>(),
            builder: b => b.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1)));

        var response = await RawGrpc.SendAsync(host.Address, RawGrpc.EchoUnary, RawGrpc.Frame(Valid), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    [Fact]
    public async Task Request_over_http1_to_h2c_endpoint_answers_400_and_server_keeps_serving()
    {
        // Kestrel itself answers an HTTP/1.x request on an HTTP/2-only endpoint.
        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, RawGrpc.Frame(Valid), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.GrpcStatus);
        Assert.Equal("after", (await server.Client.UnaryAsync(new EchoRequest { Message = "after" })).Message);
    }

    [Fact]
    public async Task Request_get_on_grpc_path_answers_405()
    {
        using var client = new HttpClient(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Host.Address, RawGrpc.EchoUnary))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
