using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Scenarios;

/// <summary>A foreign client (python grpcio, grpc-go, grpc-js) of Attune's EchoServer, directly or through the gateway: statuses, deadlines and cancellation.</summary>
public abstract class ErrorScenarios<TClient, TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TClient : IForeignClient, new()
    where TFixture : class, IEchoEndpoint
{
    /// <summary>The foreign client under test.</summary>
    protected TClient Client { get; } = new();

    // Percent signs, non-ASCII, a newline and a character outside the BMP: everything grpc-message must percent-encode.
    private const string Awkward = "ünïcødé ✗ 100% \"quoted\"\nline 2 😀";

    [Theory]
    [InlineData(3, "INVALID_ARGUMENT")]
    [InlineData(5, "NOT_FOUND")]
    [InlineData(7, "PERMISSION_DENIED")]
    [InlineData(13, "INTERNAL")]
    [InlineData(14, "UNAVAILABLE")]
    public async Task Unary_failWithNonAsciiMessage_codeAndMessageRoundTripExactly(int code, string name)
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "unary", new { fail_code = code, fail_message = Awkward });

        Assert.Equal(name, result.GetProperty("code").GetString());
        Assert.Equal(Awkward, result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task ServerStream_failAfterReplies_repliesThenStatusInTrailers()
    {
        Client.Require();

        // The EchoServer fails a stream after the replies it was asked for: the status travels in real trailers.
        var result = await Client.RunOneAsync(fixture, "server_stream", new { repeat = 3, fail_code = 9, fail_message = Awkward });

        Assert.Equal("FAILED_PRECONDITION", result.GetProperty("code").GetString());
        Assert.Equal(Awkward, result.GetProperty("details").GetString());
        Assert.Equal(3, result.GetProperty("replies").GetArrayLength());
    }

    [Fact]
    public async Task Bidi_failAtThirdMessage_twoRepliesThenStatus()
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "bidi", new
        {
            messages = new[] { "a", "b", "c", "d" },
            fail_at = 2,
            fail_code = 10,
            fail_message = Awkward,
            timeout = 20,
        });

        Assert.Equal("ABORTED", result.GetProperty("code").GetString());
        Assert.Equal(Awkward, result.GetProperty("details").GetString());
        Assert.Equal(2, result.GetProperty("replies").GetArrayLength());
    }

    [Fact]
    public async Task Unary_delayPastDeadline_deadlineExceededAndServerTokenFires()
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "unary", new { delay_ms = 5000, timeout = 0.3 });

        Assert.Equal("DEADLINE_EXCEEDED", result.GetProperty("code").GetString());
        Assert.True(
            await fixture.Probe.WaitForCancelledAsync("/Unary", TimeSpan.FromSeconds(10)),
            "the server's CancellationToken never fired for the expired call");
    }

    [Fact]
    public async Task ServerStream_clientCancelsMidStream_serverTokenFires()
    {
        Client.Require();

        // 10,000 replies of 64 KB: the server is held by flow control long before the end when the client cancels.
        var result = await Client.RunOneAsync(fixture, "cancel_server_stream", new { repeat = 10_000, payload_bytes = 65_536, after = 2 });

        Assert.Equal("CANCELLED", result.GetProperty("code").GetString());
        Assert.Equal(2, result.GetProperty("received").GetInt32());
        Assert.True(
            await fixture.Probe.WaitForCancelledAsync("/ServerStream", TimeSpan.FromSeconds(10)),
            "the server's CancellationToken never fired after the client cancelled");
    }

    [Fact]
    public async Task Bidi_clientCancelsWhileServerAwaitsNextMessage_serverTokenFires()
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "cancel_bidi", new { message = "first" });

        Assert.Equal("CANCELLED", result.GetProperty("code").GetString());
        Assert.Equal(1, result.GetProperty("received").GetInt32());
        if (Client.HalfClosesOnCancel)
        {
            // The request stream ends cleanly before the reset: the server's handler must not be left waiting.
            Assert.True(
                await fixture.Probe.WaitForEndedAsync("/Bidi", TimeSpan.FromSeconds(10)),
                "the server's bidi handler was still waiting after the client cancelled the call");
        }
        else
        {
            Assert.True(
                await fixture.Probe.WaitForCancelledAsync("/Bidi", TimeSpan.FromSeconds(10)),
                "the server's CancellationToken never fired after the client cancelled the bidi call");
        }
    }
}
