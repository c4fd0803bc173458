using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio at the gateway without an API key: refused, except the gateway's own health.</summary>
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
    public async Task HealthCheck_noKey_serving()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture.Target, "health_check", new { service = "" });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("SERVING", result.GetProperty("status").GetString());
    }
}
