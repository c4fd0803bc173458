using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Interop.Tests.Peers;
using Attune.Rpc;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>Attune's client against a python grpcio server: statuses, deadlines and cancellation.</summary>
public sealed class AttuneClientErrorTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private const string Awkward = "ünïcødé ✗ 100% \"quoted\"\nline 2 😀";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task UnaryAsync_pythonFailsWithNonAsciiMessage_codeAndMessageRoundTripExactly(StatusCode code)
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { FailCode = (int)code, FailMessage = Awkward }));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(Awkward, error.Status.Detail);
    }

    [Fact]
    public async Task ServerStream_pythonFailsAfterReplies_repliesThenRpcException()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        using var call = new EchoServiceClient(channel).ServerStream(
            new EchoRequest { Message = "m", Repeat = 3, FailCode = (int)StatusCode.Aborted, FailMessage = Awkward });

        var count = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(Ct))
            {
                count++;
            }
        });

        Assert.Equal(3, count);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(Awkward, error.Status.Detail);
    }

    [Fact]
    public async Task UnaryAsync_delayPastDeadline_deadlineExceededAndPythonSeesTheCallEnd()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { DelayMs = 5000, Message = "expire me" }, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await server.WaitForEventAsync(e => IsCancelled(e, "expire me"));
    }

    [Fact]
    public async Task UnaryAsync_cancelledByToken_cancelledAndPythonSeesTheCallEnd()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { DelayMs = 5000, Message = "cancel me" }, new CallOptions { CancellationToken = cts.Token }));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.WaitForEventAsync(e => IsCancelled(e, "cancel me"));
    }

    /// <summary>
    /// FAILS (transport bug, bench/grpc/FINDINGS.md): after the response headers arrived, cancelling a streaming call ends
    /// it locally with CANCELLED but half-closes the request stream (END_STREAM) instead of resetting the HTTP/2 stream
    /// (RST_STREAM CANCEL), so the server sees a normal end of requests and keeps working until the call is disposed.
    /// </summary>
    [Fact]
    public async Task Bidi_cancelledMidStream_cancelledAndPythonSeesTheCallEnd()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var cts = new CancellationTokenSource();
        using var call = new EchoServiceClient(channel).Bidi(new CallOptions { CancellationToken = cts.Token });

        await call.RequestStream.WriteAsync(new EchoRequest { Message = "first" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "slow bidi", DelayMs = 5000 }, Ct);
        await Task.Delay(200, Ct);
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.WaitForEventAsync(e => IsCancelled(e, "slow bidi"), seconds: 4);
    }

    [Fact]
    public async Task Bidi_cancelledThenDisposed_pythonSeesTheCallEnd()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var cts = new CancellationTokenSource();
        var call = new EchoServiceClient(channel).Bidi(new CallOptions { CancellationToken = cts.Token });

        await call.RequestStream.WriteAsync(new EchoRequest { Message = "first" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "slow disposed bidi", DelayMs = 5000 }, Ct);
        await Task.Delay(200, Ct);
        await cts.CancelAsync();
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));
        call.Dispose();

        await server.WaitForEventAsync(e => IsCancelled(e, "slow disposed bidi"));
    }

    private static bool IsCancelled(System.Text.Json.JsonElement e, string message) =>
        e.GetProperty("event").GetString() == "cancelled" && e.GetProperty("message").GetString() == message;
}
