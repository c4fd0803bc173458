using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Scenarios;

/// <summary>A foreign client (python grpcio, grpc-go, grpc-js) of Attune's EchoServer, directly or through the gateway: the four kinds of call, and large messages.</summary>
public abstract class CallKindsScenarios<TClient, TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TClient : IForeignClient, new()
    where TFixture : class, IEchoEndpoint
{
    /// <summary>The foreign client under test.</summary>
    protected TClient Client { get; } = new();

    [Fact]
    public async Task Unary_nonAsciiMessageAndBinaryPayload_echoedExactly()
    {
        Client.Require();

        var reply = await Client.RunOneAsync(fixture, "unary", new { message = "héllo wörld ✓ 日本", payload_hex = "00ff7f80" });

        Assert.Equal("OK", reply.GetProperty("code").GetString());
        Assert.Equal("héllo wörld ✓ 日本", reply.GetProperty("message").GetString());
        Assert.Equal("00ff7f80", reply.GetProperty("payload_hex").GetString());
    }

    [Fact]
    public async Task ServerStream_repeatFive_fiveRepliesInOrder()
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "server_stream", new { message = "m", repeat = 5 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var indexes = result.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("index").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.All(result.GetProperty("replies").EnumerateArray(), r => Assert.Equal("m", r.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ClientStream_threeMessages_concatenatedInOrder()
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "client_stream", new { messages = new[] { "a", "β", "c" } });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("aβc", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bidi_pingPong_eachReplyArrivesBeforeTheNextRequestIsSent()
    {
        Client.Require();

        // The script sends request i+1 only after reply i arrived: a server that buffered replies would deadlock here.
        var result = await Client.RunOneAsync(fixture, "bidi", new { messages = new[] { "one", "two", "three", "four" }, timeout = 20 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var replies = result.GetProperty("replies").EnumerateArray().ToArray();
        Assert.Equal(["one", "two", "three", "four"], replies.Select(r => r.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Unary_threeMebibytePayload_echoedWhole()
    {
        Client.Require();
        const int size = 3 * 1024 * 1024; // large, yet under every default 4 MiB limit (server, clients, gateway)

        var result = await Client.RunOneAsync(fixture, "unary", new { payload_hex = "0123456789abcdef", payload_repeat = size / 8 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(size, result.GetProperty("payload_len").GetInt32());
        Assert.StartsWith("0123456789abcdef0123456789abcdef", result.GetProperty("payload_hex").GetString());
    }

    [Fact]
    public async Task ServerStream_fourMebibyteReplies_eachArrivesWhole()
    {
        Client.Require();
        const int size = 1024 * 1024;

        var result = await Client.RunOneAsync(fixture, "server_stream", new { message = "big", repeat = 4, payload_hex = "5a", payload_repeat = size });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var replies = result.GetProperty("replies").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2, 3], replies.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(replies, r => Assert.Equal(size, r.GetProperty("payload_len").GetInt32()));
    }
}
