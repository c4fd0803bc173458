using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;

namespace Attune.Rpc.Tests.Server;

public sealed class MessageSizeTests(EchoServerFixture server)
{
    private static EchoRequest WithPayload(int bytes) => new() { Payload = ByteString.CopyFrom(new byte[bytes]) };

    [Fact]
    public async Task Request_over_server_limit_rejected_with_resource_exhausted()
    {
        await using var host = await TestHost.StartEchoAsync(grpc: o => o.MaxReceiveMessageSize = 1024);
        var client = new EchoServiceClient(host.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(WithPayload(2048)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("ok", (await client.UnaryAsync(new EchoRequest { Message = "ok" })).Message);
    }

    [Fact]
    public async Task Request_exactly_at_server_limit_accepted()
    {
        await using var host = await TestHost.StartEchoAsync(grpc: o => o.MaxReceiveMessageSize = 1024);
        var client = new EchoServiceClient(host.CreateChannel());
        var request = WithPayload(1024 - 3); // tag (1) + length varint (2) + bytes
        Assert.Equal(1024, request.CalculateSize());

        var reply = await client.UnaryAsync(request);

        Assert.Equal(1021, reply.Payload.Length);
    }

    [Fact]
    public async Task Response_over_client_limit_fails_with_resource_exhausted()
    {
        var channel = server.Host.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });
        var client = new EchoServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(WithPayload(4096)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Response_over_server_send_limit_fails_with_resource_exhausted()
    {
        await using var host = await TestHost.StartEchoAsync(grpc: o => o.MaxSendMessageSize = 1024);
        var client = new EchoServiceClient(host.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(WithPayload(900 + 1024)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_client_send_limit_fails_before_sending()
    {
        var client = new EchoServiceClient(server.Host.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 }));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(WithPayload(200)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task ServerStream_message_over_client_limit_fails_the_stream()
    {
        var client = new EchoServiceClient(server.Host.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 }));
        using var call = client.ServerStream(new EchoRequest { Payload = ByteString.CopyFrom(new byte[4096]), Repeat = 2 });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_default_limits_carry_a_three_mebibyte_message()
    {
        var reply = await server.Client.UnaryAsync(WithPayload(3 * 1024 * 1024));

        Assert.Equal(3 * 1024 * 1024, reply.Payload.Length);
    }
}
