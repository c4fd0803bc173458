using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's grpc.health.v1.Health service.</summary>
public sealed class PythonClientHealthTests
{
    [Fact]
    public async Task Check_overall_serving()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost();

        var result = await PythonClient.RunOneAsync(host.Target, "health_check", new { service = "" });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("SERVING", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_unknownService_notFound()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost();

        var result = await PythonClient.RunOneAsync(host.Target, "health_check", new { service = "no.such.Service" });

        Assert.Equal("NOT_FOUND", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Watch_statusChangesWhileWatching_pythonSeesEachUpdate()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost();
        const string service = SwitchableHealthCheck.Service;

        var seen = new List<string>();
        await foreach (var update in PythonClient.StreamAsync(host.Target, "health_watch", new { service, updates = 3 }))
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
