using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>
/// python grpcio as a server-reflection client of Attune (grpc.reflection.v1 and v1alpha): it lists services, resolves a
/// symbol into file descriptors, builds a dynamic stub from them alone and calls the service.
/// </summary>
public sealed class PythonClientReflectionTests(EchoHostFixture fixture) : IClassFixture<EchoHostFixture>
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task ServerReflectionInfo_listAndResolveEchoService_dynamicStubCallSucceeds(string version)
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(
            fixture.Host.Target, "reflection", new { version, symbol = "attune.testing.v1.EchoService", message = "dynamic ✓" });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var services = result.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("attune.testing.v1.EchoService", services);
        Assert.Contains($"grpc.reflection.{version}.ServerReflection", services);
        Assert.Contains("attune/testing/v1/echo.proto", result.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(
            ["Unary", "ServerStream", "ClientStream", "Bidi"],
            result.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("dynamic ✓", result.GetProperty("reply_message").GetString());
    }

    [Fact]
    public async Task ServerReflectionInfo_unknownSymbol_notFoundErrorResponse()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture.Host.Target, "reflection", new { symbol = "no.such.Symbol" });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(5, result.GetProperty("symbol_error").GetInt32());
    }
}
