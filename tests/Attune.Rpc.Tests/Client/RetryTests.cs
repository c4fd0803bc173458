using Attune.Contracts.Clients;
using Attune.Contracts.V1;
using Attune.Rpc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Rpc.Tests.Client;

public sealed class RetryTests
{
    private static readonly GrpcChannelOptions FastRetries = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task UnaryAsync_idempotent_method_retried_until_success()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<FakeFeedbackService>());
        var client = new FeedbackServiceClient(host.CreateChannel(FastRetries));

        // ListComparisons fails with UNAVAILABLE for the first page_size calls.
        var reply = await client.ListComparisonsAsync(new ListComparisonsRequest { PageSize = 2 });

        Assert.Equal("next", reply.NextPageToken);
        Assert.Equal(3, host.Services.GetRequiredService<CallProbe>().Calls);
    }

    [Fact]
    public async Task UnaryAsync_idempotent_method_gives_up_after_max_attempts()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<FakeFeedbackService>());
        var client = new FeedbackServiceClient(host.CreateChannel(FastRetries));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListComparisonsAsync(new ListComparisonsRequest { PageSize = 100 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(3, host.Services.GetRequiredService<CallProbe>().Calls);
    }

    [Fact]
    public async Task UnaryAsync_non_idempotent_method_not_retried()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<FakeFeedbackService>());
        var client = new FeedbackServiceClient(host.CreateChannel(FastRetries));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EraseUserAsync(new EraseUserRequest { UserId = "u" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, host.Services.GetRequiredService<CallProbe>().Calls);
    }

    [Fact]
    public async Task UnaryAsync_max_attempts_one_disables_retries()
    {
        await using var host = await TestHost.StartCustomAsync(app => app.MapGrpcService<FakeFeedbackService>());
        var options = new GrpcChannelOptions { MaxRetryAttempts = 1 };
        var client = new FeedbackServiceClient(host.CreateChannel(options));

        await Assert.ThrowsAsync<RpcException>(() => client.ListComparisonsAsync(new ListComparisonsRequest { PageSize = 1 }));

        Assert.Equal(1, host.Services.GetRequiredService<CallProbe>().Calls);
    }

    [Fact]
    public async Task UnaryAsync_no_server_listening_throws_unavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", FastRetries);

        var error = await Assert.ThrowsAsync<RpcException>(() => new FeedbackServiceClient(channel).GetStatsAsync(new GetStatsRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
