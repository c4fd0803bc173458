using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Rpc.Tests.Server;

public sealed class InterceptorTests
{
    [Fact]
    public async Task Interceptors_run_in_order_added_around_the_handler()
    {
        await using var host = await TestHost.StartCustomAsync(
            app => app.MapGrpcService<ProbeEchoService>(),
            grpc: o => o.AddInterceptor<OuterInterceptor>().AddInterceptor<InnerInterceptor>());

        await new EchoServiceClient(host.CreateChannel()).UnaryAsync(new EchoRequest());

        Assert.Equal(
            ["outer:before /attune.testing.v1.EchoService/Unary", "inner:before", "handler", "inner:after OK", "outer:after"],
            host.Services.GetRequiredService<CallProbe>().Log);
    }

    [Fact]
    public async Task Interceptor_throwing_rpc_exception_stops_call_before_handler()
    {
        await using var host = await TestHost.StartCustomAsync(
            app => app.MapGrpcService<ProbeEchoService>(),
            grpc: o => o.AddInterceptor<RequireTokenInterceptor>());
        var client = new EchoServiceClient(host.CreateChannel());

        var denied = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()));
        var allowed = await client.UnaryAsync(new EchoRequest { Message = "in" }, new CallOptions { Headers = new Metadata().Add("token", "letmein") });

        Assert.Equal(StatusCode.Unauthenticated, denied.StatusCode);
        Assert.Equal("in", allowed.Message);
        Assert.Equal(1, host.Services.GetRequiredService<CallProbe>().Calls);
    }

    [Fact]
    public async Task Interceptor_sees_handler_exception()
    {
        await using var host = await TestHost.StartCustomAsync(
            app => app.MapGrpcService<ProbeEchoService>(),
            grpc: o => o.AddInterceptor<InnerInterceptor>());

        await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(host.CreateChannel()).UnaryAsync(new EchoRequest { Message = "throw" }));

        Assert.Contains("inner:threw InvalidOperationException", host.Services.GetRequiredService<CallProbe>().Log);
    }

    private sealed class OuterInterceptor(CallProbe probe) : IServerInterceptor
    {
        public async Task InvokeAsync(ServerCallContext context, Func<Task> next)
        {
            probe.Log.Enqueue("outer:before " + context.Method);
            await next();
            probe.Log.Enqueue("outer:after");
        }
    }

    private sealed class InnerInterceptor(CallProbe probe) : IServerInterceptor
    {
        public async Task InvokeAsync(ServerCallContext context, Func<Task> next)
        {
            probe.Log.Enqueue("inner:before");
            try
            {
                await next();
                probe.Log.Enqueue("inner:after " + context.Status.Code);
            }
            catch (Exception e)
            {
                probe.Log.Enqueue("inner:threw " + e.GetType().Name);
                throw;
            }
        }
    }

    private sealed class RequireTokenInterceptor : IServerInterceptor
    {
        public Task InvokeAsync(ServerCallContext context, Func<Task> next) =>
            context.RequestHeaders.GetValue("token") == "letmein"
                ? next()
                : throw new RpcException(StatusCode.Unauthenticated, "token required");
    }
}
