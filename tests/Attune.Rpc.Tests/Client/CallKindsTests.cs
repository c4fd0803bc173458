using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;

namespace Attune.Rpc.Tests.Client;

public sealed class CallKindsTests(EchoServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnaryAsync_message_and_payload_echoed()
    {
        var request = new EchoRequest { Message = "hello", Payload = ByteString.CopyFrom(1, 2, 3) };

        var reply = await server.Client.UnaryAsync(request);

        Assert.Equal("hello", reply.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task UnaryAsync_many_concurrent_calls_each_get_their_own_reply()
    {
        var calls = Enumerable.Range(0, 64).Select(i => server.Client.UnaryAsync(new EchoRequest { Message = $"m{i}" }));

        var replies = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"m{i}"), replies.Select(r => r.Message));
    }

    [Fact]
    public async Task ServerStream_repeat_returns_every_copy_in_order()
    {
        using var call = server.Client.ServerStream(new EchoRequest { Message = "x", Repeat = 5 });

        var replies = new List<EchoReply>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(Ct))
        {
            replies.Add(reply);
        }

        Assert.Equal([0, 1, 2, 3, 4], replies.Select(r => r.Index));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task ServerStream_failure_after_messages_delivers_messages_then_status_in_trailers()
    {
        using var call = server.Client.ServerStream(new EchoRequest { Message = "x", Repeat = 2, FailCode = (int)StatusCode.Aborted, FailMessage = "late" });

        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));

        Assert.Equal(new Status(StatusCode.Aborted, "late"), error.Status);
        Assert.Equal(StatusCode.Aborted, call.GetStatus().Code);
    }

    [Fact]
    public async Task ClientStream_messages_concatenated_in_one_reply()
    {
        using var call = server.Client.ClientStream();
        foreach (var part in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = part }, Ct);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal("abc", reply.Message);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task ClientStream_no_messages_returns_empty_reply()
    {
        using var call = server.Client.ClientStream();

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal(0, reply.Index);
    }

    [Fact]
    public async Task Bidi_each_reply_arrives_before_the_next_request_is_sent()
    {
        using var call = server.Client.Bidi();

        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}" }, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            Assert.Equal($"m{i}", call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Bidi_failure_mid_stream_fails_reads_and_later_writes()
    {
        using var call = server.Client.Bidi();

        await call.RequestStream.WriteAsync(new EchoRequest { Message = "ok" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.FailedPrecondition, FailMessage = "stop" }, Ct);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest(), Ct));
    }
}
