using System.IO.Compression;
using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;

namespace Attune.Rpc.Tests.Server;

public sealed class CompressionTests(EchoServerFixture server)
{
    private static readonly string Text = string.Concat(Enumerable.Repeat("compressible ", 2000));

    [Fact]
    public async Task UnaryAsync_gzip_request_round_trips()
    {
        var reply = await server.Client.UnaryAsync(new EchoRequest { Message = Text }, new CallOptions { Compression = "gzip" });

        Assert.Equal(Text, reply.Message);
    }

    [Fact]
    public async Task ClientStream_gzip_requests_round_trip()
    {
        using var call = server.Client.ClientStream(new CallOptions { Compression = "gzip" });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = Text }, TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "!" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();

        Assert.Equal(Text + "!", (await call.ResponseAsync).Message);
    }

    [Fact]
    public async Task Server_decompresses_hand_made_gzip_frame()
    {
        var body = RawGrpc.Frame(Gzip(new EchoRequest { Message = Text }.ToByteArray()), flag: 1);

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body, headers: h => h.Add("grpc-encoding", "gzip"));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(Text, EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Message);
    }

    [Fact]
    public async Task Server_response_compression_sends_gzip_frames_and_client_reads_them()
    {
        await using var host = await TestHost.StartEchoAsync(grpc: o => o.ResponseCompression = "gzip");
        var body = RawGrpc.Frame(new EchoRequest { Message = Text }.ToByteArray());

        var raw = await RawGrpc.SendAsync(host.Address, RawGrpc.EchoUnary, body, headers: h => h.Add("grpc-accept-encoding", "identity,gzip"));
        var reply = await new EchoServiceClient(host.CreateChannel()).UnaryAsync(new EchoRequest { Message = Text });

        Assert.Equal("gzip", raw.Headers["grpc-encoding"]);
        Assert.Equal(1, raw.Body[0]);
        Assert.True(raw.Body.Length < Text.Length / 10);
        Assert.Equal(Text, reply.Message);
    }

    [Fact]
    public async Task Server_response_compression_skipped_when_client_does_not_accept_gzip()
    {
        await using var host = await TestHost.StartEchoAsync(grpc: o => o.ResponseCompression = "gzip");
        var body = RawGrpc.Frame(new EchoRequest { Message = "x" }.ToByteArray());

        var raw = await RawGrpc.SendAsync(host.Address, RawGrpc.EchoUnary, body);

        Assert.False(raw.Headers.ContainsKey("grpc-encoding"));
        Assert.Equal(0, raw.Body[0]);
    }

    [Fact]
    public async Task Server_unknown_request_encoding_unimplemented_listing_supported()
    {
        var body = RawGrpc.Frame(new EchoRequest().ToByteArray(), flag: 1);

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body, headers: h => h.Add("grpc-encoding", "snappy"));

        Assert.Equal("12", response.GrpcStatus);
        Assert.Contains("gzip", response.Headers["grpc-accept-encoding"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_compressed_flag_without_encoding_answers_internal()
    {
        var body = RawGrpc.Frame(Gzip(new EchoRequest().ToByteArray()), flag: 1);

        var response = await RawGrpc.SendAsync(server.Host.Address, RawGrpc.EchoUnary, body);

        Assert.Equal("13", response.GrpcStatus);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
