using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Interop.Tests.Peers;
using Attune.Rpc;
using Google.Protobuf;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>Attune's client (typed EchoServiceClient over GrpcChannel) against a python grpcio server: the four kinds of call.</summary>
public sealed class AttuneClientCallKindsTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnaryAsync_nonAsciiMessageAndBinaryPayload_echoedExactly()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        var client = new EchoServiceClient(channel);

        var reply = await client.UnaryAsync(new EchoRequest
        {
            Message = "héllo wörld ✓ 日本",
            Payload = ByteString.CopyFrom(0x00, 0xff, 0x7f, 0x80),
        });

        Assert.Equal("héllo wörld ✓ 日本", reply.Message);
        Assert.Equal([0x00, 0xff, 0x7f, 0x80], reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task ServerStream_repeatFive_fiveRepliesInOrderThenOk()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        using var call = new EchoServiceClient(channel).ServerStream(new EchoRequest { Message = "m", Repeat = 5 });

        var replies = new List<EchoReply>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(Ct))
        {
            replies.Add(reply);
        }

        Assert.Equal([0, 1, 2, 3, 4], replies.Select(r => r.Index));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task ClientStream_threeMessages_concatenatedWithCount()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        using var call = new EchoServiceClient(channel).ClientStream();

        foreach (var part in new[] { "a", "β", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = part }, Ct);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal("aβc", reply.Message);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task Bidi_pingPong_eachReplyArrivesBeforeTheNextRequest()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        using var call = new EchoServiceClient(channel).Bidi();

        var received = new List<string>();
        foreach (var message in new[] { "one", "two", "three" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = message }, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            received.Add(call.ResponseStream.Current.Message);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));

        Assert.Equal(["one", "two", "three"], received);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }
}
