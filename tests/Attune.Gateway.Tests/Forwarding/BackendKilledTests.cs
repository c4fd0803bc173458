using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Attune.Rpc;
using Google.Protobuf;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>A backend process killed while the gateway streams from it: the client's call ends, it does not hang.</summary>
public sealed class BackendKilledTests
{
    // Generous: only a hang reaches it. The kill is seen as soon as the kernel closes the dead process's sockets.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ServerStream_backendKilledMidMessage_streamResetAsUnavailable()
    {
        await using var backend = await EchoProcess.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Routes:attune.testing.v1.EchoService"] = backend.Address.ToString(),
        });
        // 10,000 replies of 64 KB: flow control keeps the backend mid-stream while the client holds back.
        using var call = new EchoServiceClient(gateway.Channel).ServerStream(
            new EchoRequest { Repeat = 10_000, Payload = ByteString.CopyFrom(new byte[65_536]) }, GatewayHost.WithKey(TestKeys.Open));
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        await backend.KillAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).WaitAsync(HangGuard, TestContext.Current.CancellationToken))
            {
            }
        });

        // Killed mid-message (64 KB replies): the gateway resets the stream (REFUSED_STREAM) rather than hand over a torn
        // message, so the status carries no text of the gateway's.
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Bidi_backendKilledBetweenMessages_endsWithUnavailableNamingTheService()
    {
        await using var backend = await EchoProcess.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Routes:attune.testing.v1.EchoService"] = backend.Address.ToString(),
        });
        using var call = new EchoServiceClient(gateway.Channel).Bidi(GatewayHost.WithKey(TestKeys.Open));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "first" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        await backend.KillAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            call.ResponseStream.MoveNext(TestContext.Current.CancellationToken).WaitAsync(HangGuard, TestContext.Current.CancellationToken));

        // Killed between messages: a clean end with the gateway's status in the trailers.
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("attune.testing.v1.EchoService", error.Status.Detail, StringComparison.Ordinal);
    }
}
