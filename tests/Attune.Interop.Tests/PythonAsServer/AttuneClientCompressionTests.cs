using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Interop.Tests.Peers;
using Attune.Rpc;
using Google.Protobuf;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>
/// Attune's client against a python grpcio server: gzip both ways, checked on the wire by a byte-counting proxy (a 1 MB
/// payload of zeros gzips to about 1 KB).
/// </summary>
public sealed class AttuneClientCompressionTests
{
    private const int PayloadBytes = 1_000_000;

    [Fact]
    public async Task UnaryAsync_gzipRequest_pythonDecompressesAndRequestIsSmallOnTheWire()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync();
        await using var proxy = new CountingProxy(server.Port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{proxy.Port}");

        var reply = await new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[PayloadBytes]) }, new CallOptions { Compression = "gzip" });

        Assert.Equal(PayloadBytes, reply.Payload.Length);
        Assert.InRange(proxy.BytesToServer, 1, 50_000);
    }

    [Fact]
    public async Task UnaryAsync_pythonCompressesReplies_clientDecompressesAndReplyIsSmallOnTheWire()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync("--gzip");
        await using var proxy = new CountingProxy(server.Port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{proxy.Port}");

        var reply = await new EchoServiceClient(channel).UnaryAsync(
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[PayloadBytes]) }, new CallOptions { Compression = "gzip" });

        Assert.Equal(PayloadBytes, reply.Payload.Length);
        Assert.InRange(proxy.BytesToClient, 1, 50_000);
    }

    [Fact]
    public async Task ServerStream_pythonCompressesReplies_everyReplyDecompressed()
    {
        Requires.That(Python.Available, Python.Requirement);
        await using var server = await PythonEchoServer.StartAsync("--gzip");
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new EchoServiceClient(channel).ServerStream(
            new EchoRequest { Message = "zipped", Payload = ByteString.CopyFrom(new byte[10_000]), Repeat = 4 });

        var lengths = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            lengths.Add(reply.Payload.Length);
        }

        Assert.Equal([10_000, 10_000, 10_000, 10_000], lengths);
    }
}
