using Attune.Data;
using Attune.Data.Evaluation;

namespace Attune.Text.Tests.Data;

public sealed class CatalogAndSplitTests
{
    private static readonly PreferenceDataset Synthetic = DatasetCatalog.Load("synthetic", new DatasetOptions { Users = 50, Prompts = 40 });

    [Theory]
    [InlineData(120, 64, 0)]
    [InlineData(5, 3, 1)]
    [InlineData(100, 461, 7)]
    public void Split_protocolFractions_partitionsUsersAndPromptsIntoNonEmptyParts(int users, int prompts, int seed)
    {
        // The evaluation protocol's fractions: 20% new users, prompts 50% train / 30% calibration / 20% test.
        var dataset = Attune.Data.Synthetic.SyntheticWorld.Generate(new Attune.Data.Synthetic.SyntheticOptions(
            seed: seed, users: users, prompts: prompts, responsesPerPrompt: 2, featureDimension: 4, trueRank: 2, comparisonsPerUser: 1));

        var split = EvaluationSplitter.Split(dataset, new SplitOptions(seed, 0.2, 0.3, 0.2));

        Assert.Equal(dataset.Users.Order(StringComparer.Ordinal), split.TrainUsers.Concat(split.NewUsers).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(0, prompts), split.TrainPrompts.Concat(split.CalibrationPrompts).Concat(split.TestPrompts).Order());
        Assert.NotEmpty(split.NewUsers);
        Assert.NotEmpty(split.TrainUsers);
        Assert.NotEmpty(split.TrainPrompts);
        Assert.NotEmpty(split.CalibrationPrompts);
        Assert.NotEmpty(split.TestPrompts);
        Assert.Equal((int)Math.Round(prompts * 0.3), split.CalibrationPrompts.Count);
    }

    [Fact]
    public void Load_unknownName_throwsListingKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("imdb"));

        Assert.Equal("name", e.ParamName);
        Assert.Contains("synthetic, styles, dsp, hh", e.Message);
    }

    [Fact]
    public void Load_overrides_areApplied()
    {
        var styles = DatasetCatalog.Load("styles", new DatasetOptions { Prompts = 10, Users = 12, ComparisonsPerUser = 7 });

        Assert.Equal(10, styles.Prompts.Count);
        Assert.Equal(12, styles.Users.Count);
        Assert.Equal(12 * 7, styles.Comparisons.Count);
        Assert.Equal(50, Synthetic.Users.Count);
    }

    [Fact]
    public void Split_defaults_partitionsUsersAndPromptsByFraction()
    {
        var split = EvaluationSplitter.Split(Synthetic, new SplitOptions(seed: 1));

        Assert.Equal(10, split.NewUsers.Count);
        Assert.Equal(40, split.TrainUsers.Count);
        Assert.Empty(split.NewUsers.Intersect(split.TrainUsers));
        Assert.Equal(8, split.CalibrationPrompts.Count);
        Assert.Equal(8, split.TestPrompts.Count);
        Assert.Equal(24, split.TrainPrompts.Count);
        Assert.Equal(Enumerable.Range(0, 40), split.TrainPrompts.Concat(split.CalibrationPrompts).Concat(split.TestPrompts).Order());
    }

    [Fact]
    public void Split_comparisonSets_matchTheirUserAndPromptRoles()
    {
        var split = EvaluationSplitter.Split(Synthetic);
        var newUsers = split.NewUsers.ToHashSet();

        void Check(IReadOnlyList<int> set, bool isNew, IReadOnlyList<int> prompts)
        {
            Assert.NotEmpty(set);
            Assert.All(set, i =>
            {
                var c = Synthetic.Comparisons[i];
                Assert.Equal(isNew, newUsers.Contains(c.UserId));
                Assert.Contains(Synthetic.IndexOfPrompt(c.Prompt), prompts);
            });
        }

        Check(split.Train, false, split.TrainPrompts);
        Check(split.NewUserCalibration, true, split.CalibrationPrompts);
        Check(split.NewUserTest, true, split.TestPrompts);
        Check(split.TrainUserTest, false, split.TestPrompts);
    }

    [Fact]
    public void Split_sameSeed_isIdentical_otherSeedDiffers()
    {
        var a = EvaluationSplitter.Split(Synthetic, new SplitOptions(seed: 3));
        var b = EvaluationSplitter.Split(Synthetic, new SplitOptions(seed: 3));
        var c = EvaluationSplitter.Split(Synthetic, new SplitOptions(seed: 4));

        Assert.Equal(a.NewUsers, b.NewUsers);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.NewUsers, c.NewUsers);
    }

    [Fact]
    public void SplitOptions_fractionsSummingToOne_throwsNamingTestFraction()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SplitOptions(calibrationFraction: 0.5, testFraction: 0.5));

        Assert.Equal("testFraction", e.ParamName);
    }

    [Fact]
    public void BradleyTerry_probability_isSigmoidOfScaledDifference()
    {
        Assert.Equal(0.5, BradleyTerry.Probability(1, 1));
        Assert.Equal(1 / (1 + Math.Exp(-2)), BradleyTerry.Probability(1, 0, temperature: 0.5), 12);
        Assert.Equal(1 - BradleyTerry.Probability(3, 1), BradleyTerry.Probability(1, 3), 12);
    }

    [Fact]
    public void SharedDataLocator_explicitMissingPath_returnsNull()
    {
        Assert.Null(SharedDataLocator.Find(Path.Combine(Path.GetTempPath(), "attune-no-such-folder")));
    }
}
