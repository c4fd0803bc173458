using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Scenarios;

/// <summary>A foreign client (python grpcio, grpc-go, grpc-js) of Attune's EchoServer: message size limits, both ways, and a large message under raised limits.</summary>
public abstract class MessageSizeScenarios<TClient>
    where TClient : IForeignClient, new()
{
    /// <summary>The foreign client under test.</summary>
    protected TClient Client { get; } = new();

    [Fact]
    public async Task Unary_requestAboveServerReceiveLimit_resourceExhausted()
    {
        Client.Require();
        await using var host = new AttuneEchoHost(o => o.MaxReceiveMessageSize = 64 * 1024);

        var result = await Client.RunOneAsync(host.Target, "unary", new { payload_hex = "ab", payload_repeat = 100_000 });

        Assert.Equal("RESOURCE_EXHAUSTED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unary_requestJustUnderServerReceiveLimit_echoed()
    {
        Client.Require();
        await using var host = new AttuneEchoHost(o => o.MaxReceiveMessageSize = 64 * 1024);

        var result = await Client.RunOneAsync(host.Target, "unary", new { payload_hex = "ab", payload_repeat = 60_000 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(60_000, result.GetProperty("payload_len").GetInt32());
    }

    [Fact]
    public async Task Unary_replyAboveServerSendLimit_resourceExhausted()
    {
        Client.Require();
        await using var host = new AttuneEchoHost(o => o.MaxSendMessageSize = 64 * 1024);

        var result = await Client.RunOneAsync(host.Target, "unary", new { payload_hex = "ab", payload_repeat = 100_000 });

        Assert.Equal("RESOURCE_EXHAUSTED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unary_replyAboveClientReceiveLimit_resourceExhaustedAndServerStaysUsable()
    {
        Client.Require();
        await using var host = new AttuneEchoHost();

        var tooBig = await Client.RunOneAsync(
            host.Target, "unary", new { payload_hex = "ab", payload_repeat = 10_000, max_receive = 4096 });
        var after = await Client.RunOneAsync(host.Target, "unary", new { message = "still here" });

        Assert.Equal("RESOURCE_EXHAUSTED", tooBig.GetProperty("code").GetString());
        Assert.Equal("still here", after.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unary_eightMebibytesBothWaysUnderRaisedLimits_echoedWhole()
    {
        Client.Require();
        const int size = 8 * 1024 * 1024;
        await using var host = new AttuneEchoHost(o =>
        {
            o.MaxReceiveMessageSize = 16 * 1024 * 1024;
            o.MaxSendMessageSize = 16 * 1024 * 1024;
        });

        var result = await Client.RunOneAsync(
            host.Target, "unary", new { message = "large ✓", payload_hex = "c3", payload_repeat = size, max_receive = 16 * 1024 * 1024 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("large ✓", result.GetProperty("message").GetString());
        Assert.Equal(size, result.GetProperty("payload_len").GetInt32());
        Assert.Equal(string.Concat(Enumerable.Repeat("c3", 64)), result.GetProperty("payload_hex").GetString());
    }

    [Fact]
    public async Task Unary_eightMebibytesAgainstDefaultServerLimit_resourceExhausted()
    {
        Client.Require();
        await using var host = new AttuneEchoHost(); // Grpc.AspNetCore receives at most 4 MiB by default

        var result = await Client.RunOneAsync(host.Target, "unary", new { payload_hex = "c3", payload_repeat = 8 * 1024 * 1024 });

        Assert.Equal("RESOURCE_EXHAUSTED", result.GetProperty("code").GetString());
    }
}
