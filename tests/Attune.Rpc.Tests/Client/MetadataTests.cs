using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;

namespace Attune.Rpc.Tests.Client;

public sealed class MetadataTests(EchoServerFixture server)
{
    private static readonly byte[] Binary = [0, 1, 2, 250, 255];

    private static CallOptions WithHeaders() => new()
    {
        Headers = new Metadata().Add("X-Trace", "abc-123").Add("trace-bin", Binary),
    };

    [Fact]
    public async Task ServerStream_text_and_binary_metadata_echoed_in_headers_and_trailers()
    {
        var request = new EchoRequest { EchoMetadata = { "x-trace", "trace-bin" } };
        using var call = server.Client.ServerStream(request, WithHeaders());

        var headers = await call.ResponseHeadersAsync;
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
        }

        var trailers = call.GetTrailers();
        Assert.Equal("abc-123", headers.GetValue("x-trace"));
        Assert.Equal(Binary, headers.GetValueBytes("trace-bin"));
        Assert.Equal("abc-123", trailers.GetValue("X-TRACE"));
        Assert.Equal(Binary, trailers.GetValueBytes("trace-bin"));
    }

    [Fact]
    public async Task UnaryAsync_error_carries_trailers_from_server()
    {
        var request = new EchoRequest { EchoMetadata = { "trace-bin" }, FailCode = (int)StatusCode.Aborted };

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.UnaryAsync(request, WithHeaders()));

        Assert.Equal(Binary, error.Trailers.GetValueBytes("trace-bin"));
    }

    [Fact]
    public void Add_keys_differing_in_case_are_one_key()
    {
        var metadata = new Metadata().Add("Key", "1").Add("KEY", "2");

        Assert.Equal(["1", "2"], metadata.GetAll("key").Select(e => e.Value));
        Assert.Equal("2", metadata.GetValue("kEy"));
        Assert.Equal("key", metadata[0].Key);
    }

    [Theory]
    [InlineData("data-bin")]
    [InlineData("grpc-status")]
    [InlineData("bad key")]
    [InlineData("")]
    public void Add_text_value_with_invalid_key_throws(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Fact]
    public void Add_binary_value_without_bin_suffix_throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", Binary));
    }

    [Fact]
    public void Add_non_ascii_text_value_throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("name", "é"));
    }

    [Fact]
    public void Binary_entry_value_is_base64_of_its_bytes()
    {
        var entry = new Metadata().Add("d-bin", Binary)[0];

        Assert.True(entry.IsBinary);
        Assert.Equal(Convert.ToBase64String(Binary), entry.Value);
    }
}
