using Attune.Rpc.Health.V1;
using Attune.Rpc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Attune.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Attune.Rpc.Tests.Server;

public sealed class HealthTests(EchoServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_overall_status_serving()
    {
        var reply = await new HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task CheckAsync_unknown_service_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => new HealthClient(server.Channel).CheckAsync(new HealthCheckRequest { Service = "nope.Service" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_status_changes_streamed_in_order()
    {
        await using var host = await TestHost.StartEchoAsync();
        var registry = host.Services.GetRequiredService<HealthStatusRegistry>();
        using var call = new HealthClient(host.CreateChannel()).Watch(new HealthCheckRequest { Service = "svc" });

        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var first = call.ResponseStream.Current.Status;
        registry.SetStatus("svc", ServingStatus.Serving);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var second = call.ResponseStream.Current.Status;
        registry.SetStatus("svc", ServingStatus.NotServing);
        Assert.True(await call.ResponseStream.MoveNext(Ct));

        Assert.Equal(ServingStatus.ServiceUnknown, first);
        Assert.Equal(ServingStatus.Serving, second);
        Assert.Equal(ServingStatus.NotServing, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Host_stopping_reports_not_serving_to_check_and_watch()
    {
        await using var host = await TestHost.StartEchoAsync();
        var client = new HealthClient(host.CreateChannel());
        using var call = client.Watch(new HealthCheckRequest());
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(ServingStatus.Serving, call.ResponseStream.Current.Status);

        host.Services.GetRequiredService<HealthStatusRegistry>().MarkStopping();

        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(ServingStatus.NotServing, call.ResponseStream.Current.Status);
        Assert.Equal(ServingStatus.NotServing, (await client.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task Host_stop_ends_watch_after_not_serving()
    {
        var host = await TestHost.StartEchoAsync();
        var channel = GrpcChannel.ForAddress(host.Address);
        using var call = new HealthClient(channel).Watch(new HealthCheckRequest());
        Assert.True(await call.ResponseStream.MoveNext(Ct));

        var stopping = host.App.StopAsync(Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var status = call.ResponseStream.Current.Status;
        Assert.False(await call.ResponseStream.MoveNext(Ct));
        await stopping;
        await host.DisposeAsync();
        channel.Dispose();

        Assert.Equal(ServingStatus.NotServing, status);
    }
}
