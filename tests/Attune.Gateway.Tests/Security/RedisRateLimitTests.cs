using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Grpc.Core;

namespace Attune.Gateway.Tests.Security;

/// <summary>
/// Limits shared across replicas: two gateways configured with one Redis (<c>ATTUNE_TEST_REDIS</c>, Debian's
/// redis-server started by scripts/test) draw one key's calls from one bucket. Without Redis each replica would have
/// its own bucket and both would admit a full burst.
/// </summary>
public sealed class RedisRateLimitTests
{
    private const int Burst = 10;

    [Fact]
    public async Task Grpc_twoReplicasOneRedis_shareOneKeysBudget()
    {
        var redis = Environment.GetEnvironmentVariable("ATTUNE_TEST_REDIS");
        Requires.That(!string.IsNullOrWhiteSpace(redis), "Redis (ATTUNE_TEST_REDIS, e.g. 127.0.0.1:6379; scripts/test starts Debian's redis-server)");
        await using var backend = await EchoGatewayFixture.StartEchoAsync();
        var settings = new Dictionary<string, string?>([EchoGatewayFixture.RouteTo(backend)])
        {
            ["Gateway:RateLimit:Redis"] = redis,
            ["Gateway:RateLimit:RedisKeyPrefix"] = $"attune-gateway-test-{Guid.NewGuid():N}:",
            ["Gateway:ApiKeys:1:PermitsPerSecond"] = "0.01",
            ["Gateway:ApiKeys:1:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var first = await GatewayHost.StartAsync(settings);
        await using var second = await GatewayHost.StartAsync(settings);
        var clients = new[] { new EchoService.EchoServiceClient(first.Channel), new EchoService.EchoServiceClient(second.Channel) };

        for (var i = 0; i < Burst; i++)
        {
            await clients[i % 2].UnaryAsync(new EchoRequest { Message = $"shared-{i}" }, GatewayHost.WithKey(TestKeys.Tight));
        }

        foreach (var client in clients)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                client.UnaryAsync(new EchoRequest { Message = "over" }, GatewayHost.WithKey(TestKeys.Tight)).ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.NotNull(error.Trailers.GetValue("retry-after"));
        }
    }
}
