using Attune.Text.Embeddings;

namespace Attune.Text.Tests.Embeddings;

public sealed class EmbeddingDiskCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("attune-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TryGet_afterPut_returnsSameVector()
    {
        var cache = new EmbeddingDiskCache(_root);

        cache.Put("model-a", "hello", [1f, -2.5f, 3f]);

        Assert.Equal([1f, -2.5f, 3f], cache.TryGet("model-a", "hello")!);
        Assert.Null(cache.TryGet("model-b", "hello"));
        Assert.Null(cache.TryGet("model-a", "hello!"));
    }

    [Fact]
    public void TryGet_truncatedFile_isAMiss()
    {
        var cache = new EmbeddingDiskCache(_root);
        cache.Put("m", "text", [1f, 2f, 3f]);
        var path = cache.PathFor("m", "text");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..10]);

        Assert.Null(cache.TryGet("m", "text"));
    }

    [Fact]
    public void Put_manyConcurrentWritersOfOneKey_leavesOneWholeEntryAndNoTempFiles()
    {
        var cache = new EmbeddingDiskCache(_root);
        var vector = Enumerable.Range(0, 256).Select(i => (float)i).ToArray();

        Parallel.For(0, 32, _ =>
        {
            cache.Put("m", "shared", vector);
            Assert.Equal(vector, cache.TryGet("m", "shared")!);
        });

        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }
}
