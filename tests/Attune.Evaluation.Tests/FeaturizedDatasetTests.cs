using Attune.Data;
using Attune.Evaluation.Data;
using Attune.Text;

namespace Attune.Evaluation.Tests;

public sealed class FeaturizedDatasetTests
{
    [Fact]
    public void Build_samePairInBothOrders_sharesOneRowWithFlippedPreference()
    {
        var dataset = Dataset(
            new Comparison("u1", "p", "a", "b", 1.0),
            new Comparison("u2", "p", "b", "a", 1.0));

        var data = FeaturizedDataset.Build(dataset);

        Assert.Equal(2, data.Count);
        Assert.Equal(data.Pairs[0], data.Pairs[1]);
        Assert.Equal(1f, data.Preferences[0]);
        Assert.Equal(0f, data.Preferences[1]);
    }

    [Fact]
    public void Build_identicalFeatures_dropsTheComparison()
    {
        var dataset = Dataset(
            new Comparison("u1", "p", "a", "b", 1.0),
            new Comparison("u1", "p", "a", "same-as-a", 0.0));

        var data = FeaturizedDataset.Build(dataset);

        Assert.Equal(1, data.Count);
        Assert.Equal(1, data.DroppedZeroPairs);
    }

    private static PreferenceDataset Dataset(params Comparison[] comparisons)
    {
        var vectors = new Dictionary<string, float[]>
        {
            ["a"] = [1f, 0f],
            ["b"] = [0f, 1f],
            ["same-as-a"] = [1f, 0f],
        };
        return new PreferenceDataset(
            "tiny", comparisons, ["u1", "u2"], [new PromptCandidates("p", ["a", "b", "same-as-a"])],
            new PrecomputedFeaturizer(2, vectors), groundTruth: null, "two users, three responses");
    }
}
