using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Attune.Rpc;
using Google.Protobuf;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>The four kinds of call through the gateway to a real echo backend, with metadata both ways.</summary>
public sealed class ForwardingCallKindsTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private EchoServiceClient Client => new(fixture.Gateway.Channel);

    [Fact]
    public async Task Unary_binaryPayload_echoedExactly()
    {
        var payload = ByteString.CopyFrom([0, 255, 127, 128]);

        var reply = await Client.UnaryAsync(new EchoRequest { Message = "héllo ✓", Payload = payload }, GatewayHost.WithKey(TestKeys.Open));

        Assert.Equal("héllo ✓", reply.Message);
        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task ServerStream_textAndBinaryMetadata_reachBackendAndComeBackInHeadersAndTrailers()
    {
        var options = GatewayHost.WithKey(TestKeys.Open);
        options.Headers!.Add("x-text", "plain; value=1");
        options.Headers.Add("x-blob-bin", new byte[] { 0x80, 0xff, 0x00 });
        using var call = Client.ServerStream(
            new EchoRequest { Message = "m", Repeat = 2, EchoMetadata = { "x-text", "x-blob-bin" } }, options);

        var headers = await call.ResponseHeadersAsync;
        await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
        }

        foreach (var metadata in new[] { headers, call.GetTrailers() })
        {
            Assert.Equal("plain; value=1", metadata.GetValue("x-text"));
            Assert.Equal(new byte[] { 0x80, 0xff, 0x00 }, metadata.GetValueBytes("x-blob-bin"));
        }
    }

    [Fact]
    public async Task ServerStream_fiveReplies_arriveInOrder()
    {
        using var call = Client.ServerStream(new EchoRequest { Message = "s", Repeat = 5 }, GatewayHost.WithKey(TestKeys.Open));

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
    }

    [Fact]
    public async Task ClientStream_threeMessages_concatenated()
    {
        using var call = Client.ClientStream(GatewayHost.WithKey(TestKeys.Open));
        foreach (var m in new[] { "a", "β", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = m }, TestContext.Current.CancellationToken);
        }

        await call.RequestStream.CompleteAsync().WaitAsync(TestContext.Current.CancellationToken);
        var reply = await call.ResponseAsync;

        Assert.Equal("aβc", reply.Message);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task Bidi_pingPong_eachReplyArrivesBeforeTheNextRequest()
    {
        // A gateway that held messages back until the request stream ended would never deliver the first reply here.
        using var call = Client.Bidi(GatewayHost.WithKey(TestKeys.Open, TimeSpan.FromSeconds(30)));
        var seen = new List<string>();
        foreach (var m in new[] { "one", "two", "three" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = m }, TestContext.Current.CancellationToken);
            Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            seen.Add(call.ResponseStream.Current.Message);
        }

        await call.RequestStream.CompleteAsync().WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(["one", "two", "three"], seen);
    }

    [Fact]
    public async Task Bidi_fortyMegabytesInOneCall_streamedPastKestrelsBodyLimit()
    {
        // 40 messages of 1 MB in one request body: more than Kestrel's default 30 MB limit, each under the message limit.
        using var call = Client.Bidi(GatewayHost.WithKey(TestKeys.Open, TimeSpan.FromSeconds(60)));
        var chunk = ByteString.CopyFrom(new byte[1_000_000]);
        long echoed = 0;
        for (var i = 0; i < 40; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = chunk }, TestContext.Current.CancellationToken);
            Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            echoed += call.ResponseStream.Current.Payload.Length;
        }

        await call.RequestStream.CompleteAsync().WaitAsync(TestContext.Current.CancellationToken);

        Assert.False(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(40_000_000, echoed);
    }
}
