using Attune.Storage;
using Attune.Text.Hashing;
using Attune.Trainer.Models;
using Attune.Trainer.Training;

namespace Attune.Trainer.Tests;

public sealed class TrainingSetBuilderTests
{
    private static TrainingComparison C(string user, string a, string b, double y, string prompt = "p") =>
        new(Guid.NewGuid(), user, prompt, a, b, y, DateTimeOffset.UtcNow);

    [Fact]
    public void Build_samePairBothWays_oneRowWithTheSecondPreferenceFlipped()
    {
        var set = TrainingSetBuilder.Build(
            [C("u1", "short answer", "a much longer and more polite answer", 1), C("u2", "a much longer and more polite answer", "short answer", 1)],
            new HashingFeaturizer(), CancellationToken.None)!;

        Assert.Equal(1, set.Pairs);
        Assert.Equal(2, set.Data.Count);
        Assert.Equal(2, set.Data.UserCount);
        Assert.Equal([0, 0], set.Data.Pairs.ToArray());
        Assert.Equal([1f, 0f], set.Data.Preferences.ToArray());
    }

    [Fact]
    public void Build_identicalResponses_skipped()
    {
        var set = TrainingSetBuilder.Build(
            [C("u1", "same", "same", 1), C("u1", "one", "two words here", 0.5)], new HashingFeaturizer(), CancellationToken.None)!;

        Assert.Equal(1, set.Data.Count);
        Assert.Equal(1, set.Skipped);
        Assert.Equal(2, set.Loaded);
    }

    [Fact]
    public void Build_onlyIdenticalResponses_null() =>
        Assert.Null(TrainingSetBuilder.Build([C("u1", "same", "same", 1)], new HashingFeaturizer(), CancellationToken.None));
}

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

public sealed class ErasureWatchTests
{
    [Fact]
    public void AnyErased_userErasedAfterBegin_trueOnlyForThatUser()
    {
        var watch = new ErasureWatch();
        watch.Record("before");
        using var scope = watch.Begin();

        watch.Record("during");

        Assert.True(scope.AnyErased(["x", "during"]));
        Assert.False(scope.AnyErased(["before", "x"]));
    }
}
