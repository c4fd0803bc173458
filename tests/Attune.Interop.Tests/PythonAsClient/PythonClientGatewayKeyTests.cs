using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>
/// python grpcio at the gateway without an API key: refused, except the gateway's own health (a probe needs no key). The
/// echo fixture runs no attune.v1 backends, so the overall status is NOT_SERVING there; the echo service's is SERVING.
/// </summary>
public sealed class PythonClientGatewayKeyTests(GatewayEchoFixture fixture) : IClassFixture<GatewayEchoFixture>
{
    [Fact]
    public async Task Unary_noKey_unauthenticated()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture.Target, "unary", new { message = "m" });

        Assert.Equal("UNAUTHENTICATED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unary_wrongKey_unauthenticated()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture.Target, "unary", new { message = "m" }, apiKey: "not-the-key");

        Assert.Equal("UNAUTHENTICATED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task HealthCheck_noKey_routedServiceServing()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture.Target, "health_check", new { service = "attune.testing.v1.EchoService" });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("SERVING", result.GetProperty("status").GetString());
    }
}
