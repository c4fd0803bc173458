using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's EchoServer: message size limits, both ways.</summary>
public sealed class PythonClientMessageSizeTests
{
    [Fact]
    public async Task Unary_requestAboveServerReceiveLimit_resourceExhausted()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost(o => o.MaxReceiveMessageSize = 64 * 1024);

        var result = await PythonClient.RunOneAsync(host.Target, "unary", new { payload_hex = "ab", payload_repeat = 100_000 });

        Assert.Equal("RESOURCE_EXHAUSTED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unary_requestJustUnderServerReceiveLimit_echoed()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost(o => o.MaxReceiveMessageSize = 64 * 1024);

        var result = await PythonClient.RunOneAsync(host.Target, "unary", new { payload_hex = "ab", payload_repeat = 60_000 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(60_000, result.GetProperty("payload_len").GetInt32());
    }

    [Fact]
    public async Task Unary_replyAboveServerSendLimit_resourceExhausted()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost(o => o.MaxSendMessageSize = 64 * 1024);

        var result = await PythonClient.RunOneAsync(host.Target, "unary", new { payload_hex = "ab", payload_repeat = 100_000 });

        Assert.Equal("RESOURCE_EXHAUSTED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unary_replyAbovePythonReceiveLimit_resourceExhaustedAndServerStaysUsable()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var host = new AttuneEchoHost();

        var tooBig = await PythonClient.RunOneAsync(
            host.Target, "unary", new { payload_hex = "ab", payload_repeat = 10_000, max_receive = 4096 });
        var after = await PythonClient.RunOneAsync(host.Target, "unary", new { message = "still here" });

        Assert.Equal("RESOURCE_EXHAUSTED", tooBig.GetProperty("code").GetString());
        Assert.Equal("still here", after.GetProperty("message").GetString());
    }
}
