using Attune.Text.Embeddings;
using Attune.Text.Encoders;

namespace Attune.Text.Tests.Encoders;

public sealed class CachedTextEncoderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("attune-encoder-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Encode_repeatedTexts_reachTheEncoderOncePerDistinctText()
    {
        var counting = new CountingEncoder(EncoderFixture.Encoder);
        var cached = new CachedTextEncoder(counting, memoryEntries: 100);

        var first = cached.Encode(["alpha beta", "gamma", "alpha beta", "gamma", "delta"]);
        var second = cached.Encode(["gamma", "delta", "alpha beta"]);

        Assert.Equal(1, counting.Calls("alpha beta"));
        Assert.Equal(1, counting.Calls("gamma"));
        Assert.Equal(1, counting.Calls("delta"));
        Assert.Equal(3, cached.Encoded);
        Assert.Equal(3, cached.MemoryHits);
        Assert.Equal(first[0], first[2]);
        Assert.Equal(first[1], second[0]);
        Assert.Equal(EncoderFixture.Encoder.Encode(["delta"])[0], second[1]);
    }

    [Fact]
    public void Encode_textsDifferingOnlyInCaseOrSpace_areEncodedApart()
    {
        var counting = new CountingEncoder(EncoderFixture.Encoder);
        var cached = new CachedTextEncoder(counting, memoryEntries: 100);

        cached.Encode(["Hello", "hello", "hello "]);

        Assert.Equal(3, counting.TotalCalls);
    }

    [Fact]
    public void Encode_newInstanceOnTheSameDiskCache_readsVectorsWithoutEncoding()
    {
        var texts = new[] { "a response written to disk", "another one" };
        var writer = new CachedTextEncoder(new CountingEncoder(EncoderFixture.Encoder), 100, new EmbeddingDiskCache(_root));
        var written = writer.Encode(texts);

        var counting = new CountingEncoder(EncoderFixture.Encoder);
        var reader = new CachedTextEncoder(counting, 100, new EmbeddingDiskCache(_root));
        var read = reader.Encode(texts);

        Assert.Equal(0, counting.TotalCalls);
        Assert.Equal(2, reader.DiskHits);
        Assert.Equal(written[0], read[0]);
        Assert.Equal(written[1], read[1]);
        Assert.True(File.Exists(new EmbeddingDiskCache(_root).PathFor(MiniLmTextEncoder.EncoderId, texts[0])));
    }

    [Fact]
    public void Encode_memoryFull_dropsTheLeastRecentlyUsedText()
    {
        var counting = new CountingEncoder(EncoderFixture.Encoder);
        var cached = new CachedTextEncoder(counting, memoryEntries: 2);

        cached.Encode(["one"]);
        cached.Encode(["two"]);
        cached.Encode(["one"]);
        cached.Encode(["three"]);
        cached.Encode(["one", "two"]);

        Assert.Equal(1, counting.Calls("one"));
        Assert.Equal(2, counting.Calls("two"));
    }
}
