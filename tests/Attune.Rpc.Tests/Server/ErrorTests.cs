using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;

namespace Attune.Rpc.Tests.Server;

public sealed class ErrorTests(EchoServerFixture server)
{
    [Theory]
    [InlineData("plain ascii")]
    [InlineData("Größe überschritten: 日本語 ✓")]
    [InlineData("100% sure, %41 stays literal")]
    [InlineData("line\nbreak\tand emoji 🎉")]
    public async Task UnaryAsync_error_detail_round_trips_exactly(string detail)
    {
        var request = new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = detail };

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.UnaryAsync(request));

        Assert.Equal(new Status(StatusCode.InvalidArgument, detail), error.Status);
    }

    [Fact]
    public async Task Unary_error_before_any_message_is_trailers_only()
    {
        var body = RawGrpc.Frame(new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "é" }.ToByteArray());

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body);

        Assert.Equal("5", response.Headers["grpc-status"]);
        Assert.Equal("%C3%A9", response.Headers["grpc-message"]);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Empty(response.Body);
        Assert.Empty(response.Trailers);
    }

    [Fact]
    public async Task Unary_success_sends_status_in_trailers()
    {
        var body = RawGrpc.Frame(new EchoRequest { Message = "x" }.ToByteArray());

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body);

        Assert.Equal("0", response.Trailers["grpc-status"]);
        Assert.False(response.Headers.ContainsKey("grpc-status"));
        Assert.Equal("x", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Message);
    }

    [Theory]
    [InlineData("/attune.testing.v1.EchoService/Missing", "Method is unimplemented")]
    [InlineData("/no.such.Service/Call", "Service is unimplemented")]
    public async Task Call_unknown_method_or_service_returns_unimplemented(string path, string detail)
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, path.Split('/')[1], path.Split('/')[2], EchoReply.Parser);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(method, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.StartsWith(detail, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_exception_becomes_internal_without_its_text()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<ProbeEchoService>());
        var client = new EchoServiceClient(host.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest { Message = "throw" }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain(ProbeEchoService.Secret, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_setting_context_status_ends_call_with_it()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<ProbeEchoService>());
        var client = new EchoServiceClient(host.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest { Message = "status" }));

        Assert.Equal(new Status(StatusCode.NotFound, "set by handler"), error.Status);
    }
}
