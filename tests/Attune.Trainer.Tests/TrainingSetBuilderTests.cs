using Attune.Storage;
using Attune.Text.Hashing;
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
