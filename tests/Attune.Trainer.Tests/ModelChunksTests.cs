using Attune.Trainer.Models;

namespace Attune.Trainer.Tests;

public sealed class ModelChunksTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 3)]
    [InlineData(9, 3)]
    [InlineData(2_500_000, ModelChunks.MaxChunkBytes)]
    public void Split_anySize_chunksAtMostTheLimitCoveringTheContentInOrder(int length, int chunk)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);

        var chunks = ModelChunks.Split(content, chunk).ToList();

        Assert.All(chunks, c => Assert.InRange(c.Length, 1, chunk));
        Assert.Equal(content, chunks.SelectMany(c => c.ToArray()).ToArray());
        Assert.Equal((length + chunk - 1) / chunk, chunks.Count);
    }
}
