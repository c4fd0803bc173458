using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>
/// python grpcio as the client of Attune's EchoServer: gzip both ways, checked on the wire by a byte-counting proxy
/// (a 1 MB payload of zeros gzips to about 1 KB).
/// </summary>
public sealed class PythonClientCompressionTests
{
    private const int PayloadBytes = 1_000_000;

    [Fact]
    public async Task Unary_pythonSendsGzip_serverDecompressesAndRequestIsSmallOnTheWire()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost();
        await using var proxy = new CountingProxy(host.Port);

        var result = await PythonClient.RunOneAsync(
            $"127.0.0.1:{proxy.Port}", "unary", new { payload_hex = "00", payload_repeat = PayloadBytes, gzip = true });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(PayloadBytes, result.GetProperty("payload_len").GetInt32());
        Assert.InRange(proxy.BytesToServer, 1, 50_000);
    }

    [Fact]
    public async Task Unary_serverResponseCompressionGzip_pythonDecompressesAndReplyIsSmallOnTheWire()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost(o => o.ResponseCompressionAlgorithm = "gzip");
        await using var proxy = new CountingProxy(host.Port);

        var result = await PythonClient.RunOneAsync(
            $"127.0.0.1:{proxy.Port}", "unary", new { payload_hex = "00", payload_repeat = PayloadBytes, gzip = true });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(PayloadBytes, result.GetProperty("payload_len").GetInt32());
        Assert.InRange(proxy.BytesToClient, 1, 50_000);
    }

    [Fact]
    public async Task Unary_noCompressionConfigured_replyIsFullSizeOnTheWire()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost();
        await using var proxy = new CountingProxy(host.Port);

        var result = await PythonClient.RunOneAsync(
            $"127.0.0.1:{proxy.Port}", "unary", new { payload_hex = "00", payload_repeat = PayloadBytes, gzip = true });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.True(proxy.BytesToClient > PayloadBytes, $"reply took {proxy.BytesToClient} bytes: compressed unasked?");
    }
}
