using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Scenarios;

/// <summary>A foreign client (python grpcio, grpc-go, grpc-js) of Attune's grpc.health.v1.Health service: Check, and Watch seeing each change.</summary>
public abstract class HealthScenarios<TClient>
    where TClient : IForeignClient, new()
{
    /// <summary>The foreign client under test.</summary>
    protected TClient Client { get; } = new();

    [Fact]
    public async Task Check_overall_serving()
    {
        Client.Require();
        await using var host = new AttuneEchoHost();

        var result = await Client.RunOneAsync(host.Target, "health_check", new { service = "" });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("SERVING", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_unknownService_notFound()
    {
        Client.Require();
        await using var host = new AttuneEchoHost();

        var result = await Client.RunOneAsync(host.Target, "health_check", new { service = "no.such.Service" });

        Assert.Equal("NOT_FOUND", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Watch_statusChangesWhileWatching_clientSeesEachUpdate()
    {
        Client.Require();
        await using var host = new AttuneEchoHost();
        const string service = SwitchableHealthCheck.Service;

        var seen = new List<string>();
        await foreach (var update in Client.StreamAsync(host.Target, "health_watch", new { service, updates = 3 }))
        {
            Assert.Equal("OK", update.GetProperty("code").GetString());
            seen.Add(update.GetProperty("status").GetString()!);
            if (seen.Count == 1)
            {
                host.Health.Healthy = false;
            }
            else if (seen.Count == 2)
            {
                host.Health.Healthy = true;
            }
        }

        Assert.Equal(["SERVING", "NOT_SERVING", "SERVING"], seen);
    }
}
