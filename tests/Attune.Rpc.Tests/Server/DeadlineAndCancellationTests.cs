using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Rpc.Tests.Server;

public sealed class DeadlineAndCancellationTests(EchoServerFixture server)
{
    // Only a guard against hanging: tests never pass or fail on elapsed time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task UnaryAsync_deadline_before_reply_throws_deadline_exceeded()
    {
        var request = new EchoRequest { DelayMs = 10_000 };

        var error = await Assert.ThrowsAsync<RpcException>(
            () => server.Client.UnaryAsync(request, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(100))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_deadline_already_passed_throws_deadline_exceeded()
    {
        var options = new CallOptions { Deadline = DateTime.UtcNow.AddSeconds(-1) };

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.UnaryAsync(new EchoRequest(), options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Server_grpc_timeout_expiring_answers_deadline_exceeded_itself()
    {
        // A raw request: no client-side deadline, so only the server can end this call.
        var body = RawGrpc.Frame(new EchoRequest { DelayMs = 30_000 }.ToByteArray());

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body, headers: h => h.Add("grpc-timeout", "100m"))
            .WaitAsync(Guard, TestContext.Current.CancellationToken);

        Assert.Equal("4", response.GrpcStatus);
    }

    [Fact]
    public async Task Server_longest_grpc_timeout_treated_as_no_deadline()
    {
        var body = RawGrpc.Frame(new EchoRequest { Message = "x" }.ToByteArray());

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body, headers: h => h.Add("grpc-timeout", "99999999H"));

        Assert.Equal("0", response.GrpcStatus);
    }

    [Fact]
    public async Task UnaryAsync_deadline_max_value_behaves_as_no_deadline()
    {
        var reply = await server.Client.UnaryAsync(new EchoRequest { Message = "x" }, new CallOptions { Deadline = DateTime.MaxValue });

        Assert.Equal("x", reply.Message);
    }

    [Fact]
    public async Task Server_malformed_grpc_timeout_answers_internal()
    {
        var body = RawGrpc.Frame(new EchoRequest().ToByteArray());

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body, headers: h => h.Add("grpc-timeout", "soon"));

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Server_context_deadline_reflects_grpc_timeout()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<ProbeEchoService>());
        var client = new EchoServiceClient(host.CreateChannel());
        var before = DateTime.UtcNow;

        await client.UnaryAsync(new EchoRequest { Message = "deadline" }, CallOptions.WithTimeout(TimeSpan.FromMinutes(5)));
        var seen = await host.Services.GetRequiredService<CallProbe>().SeenDeadline.Task;

        Assert.Equal(DateTimeKind.Utc, seen.Kind);
        Assert.InRange(seen, before.AddMinutes(4), before.AddMinutes(6));
    }

    [Fact]
    public async Task UnaryAsync_client_cancels_throws_cancelled_and_server_token_fires()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<ProbeEchoService>());
        var client = new EchoServiceClient(host.CreateChannel());
        var probe = host.Services.GetRequiredService<CallProbe>();
        using var cts = new CancellationTokenSource();

        var call = client.UnaryAsync(new EchoRequest { Message = "wait" }, new CallOptions { CancellationToken = cts.Token });
        await WaitForCallAsync(probe);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(await probe.HandlerCancelled.Task.WaitAsync(Guard, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ServerStream_client_disposes_call_server_token_fires()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<ProbeEchoService>());
        var client = new EchoServiceClient(host.CreateChannel());
        var probe = host.Services.GetRequiredService<CallProbe>();

        var call = client.ServerStream(new EchoRequest());
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        call.Dispose();

        Assert.True(await probe.HandlerCancelled.Task.WaitAsync(Guard, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ServerStream_cancelling_a_read_ends_call_with_cancelled()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<ProbeEchoService>());
        var client = new EchoServiceClient(host.CreateChannel());
        using var call = client.ServerStream(new EchoRequest());
        using var cts = new CancellationTokenSource();

        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var read = call.ResponseStream.MoveNext(cts.Token);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => read);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().Code);
    }

    [Fact]
    public async Task Server_cancelling_the_call_reaches_client_as_cancelled()
    {
        var request = new EchoRequest { FailCode = (int)StatusCode.Cancelled, FailMessage = "server gave up" };

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.UnaryAsync(request));

        Assert.Equal(new Status(StatusCode.Cancelled, "server gave up"), error.Status);
    }

    private static async Task WaitForCallAsync(CallProbe probe)
    {
        while (probe.Calls == 0)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
