using Attune.Data;
using Attune.Data.Synthetic;

namespace Attune.Text.Tests.Data;

public sealed class SyntheticWorldTests
{
    private static readonly PreferenceDataset Default = SyntheticWorld.Generate();

    [Fact]
    public void Generate_defaults_hasDocumentedShape()
    {
        Assert.Equal("synthetic", Default.Name);
        Assert.Equal(120, Default.Users.Count);
        Assert.Equal(64, Default.Prompts.Count);
        Assert.All(Default.Prompts, p => Assert.Equal(6, p.Responses.Count));
        Assert.Equal(120 * 60, Default.Comparisons.Count);
        Assert.Equal(32, Default.RecommendedFeaturizer.Dimension);
        Assert.All(Default.Comparisons, c => Assert.Contains(c.Preference, new[] { 0.0, 1.0 }));
    }

    [Fact]
    public void Generate_sameSeed_isIdentical_otherSeedDiffers()
    {
        var again = SyntheticWorld.Generate(new SyntheticOptions(seed: 0));
        var other = SyntheticWorld.Generate(new SyntheticOptions(seed: 1));

        Assert.Equal(Default.Comparisons.Select(Key), again.Comparisons.Select(Key));
        Assert.Equal(Default.Comparisons[0].FeaturesA, again.Comparisons[0].FeaturesA);
        Assert.NotEqual(Default.Comparisons.Select(Key), other.Comparisons.Select(Key));
    }

    [Fact]
    public void Generate_pairs_areSharedAcrossUsers()
    {
        var usersPerPair = Default.Comparisons
            .GroupBy(c => string.CompareOrdinal(c.ResponseA, c.ResponseB) < 0 ? (c.ResponseA, c.ResponseB) : (c.ResponseB, c.ResponseA))
            .Select(g => g.Select(c => c.UserId).Distinct().Count())
            .ToList();

        Assert.True(usersPerPair.Average() > 3, $"mean users per pair {usersPerPair.Average():F2}");
    }

    [Fact]
    public void GroundTruth_temperature_isTheLabelsBradleyTerryTemperature()
    {
        Assert.Equal(SyntheticWorld.Temperature, Default.GroundTruth!.Temperature);
        Assert.Equal(1.0, SyntheticWorld.Temperature);
    }

    [Fact]
    public void OracleAccuracy_defaults_isWellAboveChanceButNoisy()
    {
        Assert.InRange(Default.OracleAccuracy()!.Value, 0.72, 0.90);
    }

    [Fact]
    public void GroundTruth_reward_isLinearInTheComparisonFeatures()
    {
        var truth = Assert.IsType<SyntheticGroundTruth>(Default.GroundTruth);
        var c = Default.Comparisons[0];
        var w = truth.UserWeights(c.UserId);
        double expected = 0;
        for (var k = 0; k < truth.TrueRank; k++)
        {
            for (var d = 0; d < truth.FeatureDimension; d++)
            {
                expected += w[k] * truth.TrueMap[(k * truth.FeatureDimension) + d] * c.FeaturesA![d];
            }
        }

        Assert.Equal(truth.RewardScale * expected, truth.Reward(c.UserId, c.Prompt, c.ResponseA), 6);
        Assert.Equal(c.FeaturesA, Default.RecommendedFeaturizer.Featurize(new(c.Prompt, c.ResponseA)).ToDense());
    }

    [Fact]
    public void Options_rankAboveDimension_throwsNamingTrueRank()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticOptions(featureDimension: 4, trueRank: 5));

        Assert.Equal("trueRank", e.ParamName);
    }

    private static string Key(Comparison c) => $"{c.UserId}|{c.ResponseA}|{c.ResponseB}|{c.Preference}";
}
