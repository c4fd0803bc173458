using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Attune.Rpc;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>Statuses through the gateway: the backend's own (Trailers-Only and after messages), deadlines, cancellation.</summary>
public sealed class ForwardingStatusTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private const string Awkward = "ünïcødé ✗ 100% \"quoted\"\nline 2 😀";

    private EchoServiceClient Client => new(fixture.Gateway.Channel);

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.Unavailable)]
    public async Task Unary_backendFailsBeforeAnyMessage_codeAndMessagePassThrough(StatusCode code)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UnaryAsync(new EchoRequest { FailCode = (int)code, FailMessage = Awkward }, GatewayHost.WithKey(TestKeys.Open)));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(Awkward, error.Status.Detail);
    }

    [Fact]
    public async Task ServerStream_backendFailsAfterThreeReplies_repliesThenStatusInTrailers()
    {
        using var call = Client.ServerStream(
            new EchoRequest { Repeat = 3, FailCode = (int)StatusCode.FailedPrecondition, FailMessage = Awkward },
            GatewayHost.WithKey(TestKeys.Open));
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(Awkward, error.Status.Detail);
    }

    [Fact]
    public async Task Unary_delayPastDeadline_deadlineExceededAndBackendTokenFires()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UnaryAsync(new EchoRequest { DelayMs = 10_000 }, GatewayHost.WithKey(TestKeys.Open, TimeSpan.FromMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(await fixture.Backend.Probe.WaitForCancelledAsync("/Unary", TimeSpan.FromSeconds(10)), "the backend never saw the deadline");
    }

    [Fact]
    public async Task ServerStream_clientCancelsMidStream_backendStreamReset()
    {
        using var cts = new CancellationTokenSource();
        // 10,000 replies of 64 KB: flow control holds the backend long before the end.
        var call = Client.ServerStream(
            new EchoRequest { Repeat = 10_000, Payload = Google.Protobuf.ByteString.CopyFrom(new byte[65_536]) },
            GatewayHost.WithKey(TestKeys.Open, cancellationToken: cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        await cts.CancelAsync();
        call.Dispose();

        Assert.True(await fixture.Backend.Probe.WaitForCancelledAsync("/ServerStream", TimeSpan.FromSeconds(10)), "the backend stream was never reset");
    }

    [Fact]
    public async Task Bidi_clientCancelsWhileBackendAwaitsNextMessage_backendStreamReset()
    {
        using var cts = new CancellationTokenSource();
        var call = Client.Bidi(GatewayHost.WithKey(TestKeys.Open, cancellationToken: cts.Token));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "first" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        await cts.CancelAsync();
        call.Dispose();

        Assert.True(await fixture.Backend.Probe.WaitForCancelledAsync("/Bidi", TimeSpan.FromSeconds(10)), "the backend stream was never reset");
    }
}
