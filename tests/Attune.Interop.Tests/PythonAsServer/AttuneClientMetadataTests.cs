using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Interop.Tests.Peers;
using Attune.Rpc;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>Attune's client against a python grpcio server: metadata out (request) and in (response headers, trailers).</summary>
public sealed class AttuneClientMetadataTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerStream_textAndBinaryMetadata_echoedInHeadersAndTrailers()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        // Binary values of 1, 2 and 4 bytes (every base64 padding), including bytes that are not UTF-8.
        var headers = new Metadata()
            .Add("x-text", "plain value; with=punctuation ~!")
            .Add("x-one-bin", [0xff])
            .Add("x-two-bin", [0x00, 0xfe])
            .Add("x-four-bin", [0x80, 0xff, 0x00, 0xc3]);
        var request = new EchoRequest { Message = "m", EchoMetadata = { "x-text", "x-one-bin", "x-two-bin", "x-four-bin" } };
        using var call = new EchoServiceClient(channel).ServerStream(request, new CallOptions { Headers = headers });

        var responseHeaders = await call.ResponseHeadersAsync;
        while (await call.ResponseStream.MoveNext(Ct))
        {
        }

        foreach (var received in new[] { responseHeaders, call.GetTrailers() })
        {
            Assert.Equal("plain value; with=punctuation ~!", received.GetValue("x-text"));
            Assert.Equal([0xff], received.GetValueBytes("x-one-bin"));
            Assert.Equal([0x00, 0xfe], received.GetValueBytes("x-two-bin"));
            Assert.Equal([0x80, 0xff, 0x00, 0xc3], received.GetValueBytes("x-four-bin"));
        }
    }

    [Fact]
    public async Task UnaryAsync_failedCallWithMetadata_trailersOnTheRpcException()
    {
        Requires.That(Python.Available, Python.Requirement);
        using var channel = GrpcChannel.ForAddress((await fixture.GetAsync()).Address);
        var request = new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "gone", EchoMetadata = { "x-request-id" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoServiceClient(channel).UnaryAsync(
            request, new CallOptions { Headers = new Metadata().Add("x-request-id", "abc-123") }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("abc-123", error.Trailers.GetValue("x-request-id"));
    }
}
