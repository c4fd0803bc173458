using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Google.Protobuf;
using Grpc.Core;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>The four kinds of call through the gateway to a real echo backend, large messages, and metadata both ways.</summary>
public sealed class CallKindsTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private EchoService.EchoServiceClient Client => new(fixture.Gateway.Channel);

    [Fact]
    public async Task Unary_binaryPayload_echoedExactly()
    {
        var payload = ByteString.CopyFrom([0, 255, 127, 128]);

        var reply = await Client.UnaryAsync(new EchoRequest { Message = "héllo ✓", Payload = payload }, GatewayHost.WithKey(TestKeys.Open));

        Assert.Equal("héllo ✓", reply.Message);
        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task Unary_twelveMegabytesEachWay_echoedExactly()
    {
        var bytes = new byte[12 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        var payload = ByteString.CopyFrom(bytes);

        var reply = await Client.UnaryAsync(new EchoRequest { Message = "large", Payload = payload }, GatewayHost.WithKey(TestKeys.Open));

        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task ServerStream_fiveReplies_arriveInOrder()
    {
        using var call = Client.ServerStream(new EchoRequest { Message = "five", Repeat = 5 }, GatewayHost.WithKey(TestKeys.Open));

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
        foreach (var part in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = part, Payload = ByteString.CopyFromUtf8(part) }, TestContext.Current.CancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal("abc", reply.Message);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task Bidi_pingPong_eachReplyArrivesBeforeTheNextRequest()
    {
        using var call = Client.Bidi(GatewayHost.WithKey(TestKeys.Open));
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"ping-{i}" }, ct);
            Assert.True(await call.ResponseStream.MoveNext(ct));
            Assert.Equal($"ping-{i}", call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStream_textAndBinaryMetadata_reachBackendAndComeBackInHeadersAndTrailers()
    {
        var options = GatewayHost.WithKey(TestKeys.Open);
        options.Headers!.Add("x-text", "plain; value=1");
        options.Headers.Add("x-blob-bin", new byte[] { 0x80, 0xff, 0x00 });
        using var call = Client.ServerStream(new EchoRequest { Message = "metadata", Repeat = 2, EchoMetadata = { "x-text", "x-blob-bin" } }, options);

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
    public async Task ServerStream_failureAfterMessages_statusAndMessageInTrailers()
    {
        using var call = Client.ServerStream(
            new EchoRequest { Message = "late", Repeat = 2, FailCode = (int)StatusCode.Aborted, FailMessage = "stopped after two" },
            GatewayHost.WithKey(TestKeys.Open));
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                received++;
            }
        });

        Assert.Equal(2, received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("stopped after two", error.Status.Detail);
    }
}
