using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's EchoServer (directly or through the gateway): the four kinds of call.</summary>
public abstract class PythonClientCallKindsScenarios<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IEchoEndpoint
{
    [Fact]
    public async Task Unary_nonAsciiMessageAndBinaryPayload_echoedExactly()
    {
        Requires.That(Python.Available, Python.Requirement);

        var reply = await PythonClient.RunOneAsync(fixture, "unary", new { message = "héllo wörld ✓ 日本", payload_hex = "00ff7f80" });

        Assert.Equal("OK", reply.GetProperty("code").GetString());
        Assert.Equal("héllo wörld ✓ 日本", reply.GetProperty("message").GetString());
        Assert.Equal("00ff7f80", reply.GetProperty("payload_hex").GetString());
    }

    [Fact]
    public async Task ServerStream_repeatFive_fiveRepliesInOrder()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture, "server_stream", new { message = "m", repeat = 5 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var indexes = result.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("index").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.All(result.GetProperty("replies").EnumerateArray(), r => Assert.Equal("m", r.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ClientStream_threeMessages_concatenatedInOrder()
    {
        Requires.That(Python.Available, Python.Requirement);

        var result = await PythonClient.RunOneAsync(fixture, "client_stream", new { messages = new[] { "a", "β", "c" } });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal("aβc", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bidi_pingPong_eachReplyArrivesBeforeTheNextRequestIsSent()
    {
        Requires.That(Python.Available, Python.Requirement);

        // The script sends request i+1 only after reply i arrived: a server that buffered replies would deadlock here.
        var result = await PythonClient.RunOneAsync(fixture, "bidi", new { messages = new[] { "one", "two", "three", "four" }, timeout = 20 });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var replies = result.GetProperty("replies").EnumerateArray().ToArray();
        Assert.Equal(["one", "two", "three", "four"], replies.Select(r => r.GetProperty("message").GetString()));
    }
}
