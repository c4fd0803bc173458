using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Interop.Tests.Peers;
using Attune.Rpc;
using Google.Protobuf;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>Attune's client against a python grpcio server: message size limits, both ways.</summary>
public sealed class AttuneClientMessageSizeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnaryAsync_requestAbovePythonReceiveLimit_resourceExhausted()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync("--max-receive", "65536");
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_replyAboveClientReceiveLimit_resourceExhaustedThenChannelStillWorks()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 });
        var client = new EchoServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }));
        var after = await client.UnaryAsync(new EchoRequest { Message = "still here" });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("still here", after.Message);
    }

    [Fact]
    public async Task ServerStream_replyAboveClientReceiveLimit_resourceExhaustedAfterSmallerReplies()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 });
        using var call = new EchoServiceClient(channel).ServerStream(
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]), Repeat = 2 });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_requestAboveClientSendLimit_resourceExhaustedWithoutReachingPython()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync();
        await using var proxy = new CountingProxy(server.Port);
        using var channel = GrpcChannel.ForAddress(
            $"http://127.0.0.1:{proxy.Port}", new GrpcChannelOptions { MaxSendMessageSize = 64 * 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(proxy.BytesToServer < 100_000, $"{proxy.BytesToServer} bytes were sent anyway");
    }
}
