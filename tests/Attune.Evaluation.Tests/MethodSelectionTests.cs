using Attune.Data.Styles;
using Attune.Evaluation.Data;
using Attune.Evaluation.Methods;
using Attune.Evaluation.Protocol;

namespace Attune.Evaluation.Tests;

public sealed class MethodSelectionTests
{
    private static EvaluationRunOptions With(params string[] methods) => new()
    {
        Seeds = 1,
        FirstSeed = 3,
        Protocol = new ProtocolOptions
        {
            AnswerCounts = TinyWorld.Answers,
            Trainer = new Attune.Ml.Training.PrefTrainingOptions { MaxRank = 3, MaxOuterIterations = 5 },
            Methods = EvaluationMethods.Parse(string.Join(',', methods)),
            Neural = new Attune.Ml.Torch.Training.NeuralTrainingOptions { MaxEpochs = 3, Device = Attune.Ml.Torch.Training.TorchDevicePreference.Cpu },
        },
    };

    [Fact]
    public void Parse_all_everyMethod()
    {
        var names = EvaluationMethods.Parse("all");

        Assert.Equal(EvaluationMethods.Names.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_subset_thoseAndAttune()
    {
        var names = EvaluationMethods.Parse(" attune-minilm , reward-features");

        Assert.Equal(["attune", "attune-minilm", "reward-features"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_unknown_throwsListingTheKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => EvaluationMethods.Parse("attune-minilm,attune-bert"));

        Assert.Contains("attune-bert", e.Message, StringComparison.Ordinal);
        Assert.Contains("attune-composite-neural", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_onlyAttuneNeural_scoresItBesideTodaysMethodsAndNotRewardFeatures()
    {
        var result = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", With("attune-neural"));

        var seed = Assert.Single(result.Seeds);
        Assert.Contains("attune-neural:uncertainty", seed.Curves.Keys);
        Assert.Contains("attune-neural:random", seed.Curves.Keys);
        Assert.Contains("attune:uncertainty", seed.Curves.Keys);
        Assert.Contains("global-bt", seed.Curves.Keys);
        Assert.DoesNotContain(seed.Curves.Keys, k => k.StartsWith("reward-features", StringComparison.Ordinal));
        Assert.True(double.IsNaN(seed.JointSeconds));
        var facts = Assert.Single(seed.Methods).Value;
        Assert.True(facts.TrainSeconds > 0);
        Assert.InRange(facts.SeenUsersAuc, 0.5, 1.0);
        Assert.Equal(TinyWorld.Answers, seed.Curves["attune-neural:uncertainty"].Keys.Order());
    }

    [Fact]
    public void Run_textMethodsOnPrecomputedWorld_skippedWithANote()
    {
        var result = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", With("attune-minilm"));

        Assert.DoesNotContain(result.Seeds[0].Curves.Keys, k => k.StartsWith("attune-minilm", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("attune-minilm", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_sameSeedWithAndWithoutExtraMethods_todaysCurvesUnchanged()
    {
        var alone = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", With());
        var beside = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", With("attune-neural"));

        foreach (var key in new[] { "attune:uncertainty", "attune:random", "global-bt", "per-user", "oracle" })
        {
            Assert.Equal(alone.Seeds[0].Curves[key][10].Auc, beside.Seeds[0].Curves[key][10].Auc);
        }
    }

    [Fact]
    public void Build_datasetFeaturizerView_rowsAreTheDatasetsPairRows()
    {
        var data = FeaturizedDataset.Build(StylesWorld.Generate(new StylesOptions(seed: 2, prompts: 8, comparisonsPerUser: 20)));
        var f = data.Dataset.RecommendedFeaturizer;

        var view = ResponseFeatureView.Build(data, f.Description, f.Dimension, texts => texts.Select(t => f.Featurize(t)).ToArray());

        Assert.Equal(data.Features.Rows, view.Differences.Rows);
        var expected = new float[f.Dimension];
        var actual = new float[f.Dimension];
        for (var row = 0; row < data.Features.Rows; row++)
        {
            Array.Clear(expected);
            Array.Clear(actual);
            data.Features.AddScaledRow(row, 1f, expected);
            view.Differences.AddScaledRow(row, 1f, actual);
            Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) <= 1e-6f);
        }
    }
}
