using Attune.Evaluation.Protocol;

namespace Attune.Evaluation.Tests;

public sealed class ProtocolTests(TinyWorld world) : IClassFixture<TinyWorld>
{
    [Fact]
    public void Run_tinySyntheticWorld_attuneBeatsGlobalBradleyTerryWithTenAnswers()
    {
        var attune = world.Result.Cell("attune:uncertainty", 10, c => c.Auc);
        var global = world.Result.Cell("global-bt", 10, c => c.Auc);

        Assert.Equal(2, attune.Count);
        Assert.True(attune.Mean > global.Mean + 0.05, $"Attune {attune.Mean:F3} vs global BT {global.Mean:F3}");
    }

    [Fact]
    public void Run_tinySyntheticWorld_scoresEveryMethodAtEveryAnswerCount()
    {
        string[] expected =
        [
            "oracle", "global-bt", "per-user", "cluster", "reward-features:uncertainty", "reward-features:information-gain",
            "reward-features:random", "attune:uncertainty", "attune:information-gain", "attune:random",
            "attune-neural:uncertainty", "attune-neural:information-gain", "attune-neural:random",
            "true-basis:uncertainty", "true-basis:random",
        ];

        Assert.Equal(expected.Order(), world.Result.Methods.Order());
        foreach (var seed in world.Result.Seeds)
        {
            Assert.True(seed.NewUsers > 0);
            Assert.All(seed.Curves.Values, byM => Assert.Equal(TinyWorld.Answers, byM.Keys.Order()));
        }
    }

    [Fact]
    public void Run_moreAnswers_bringAttuneCloserToTheOracle()
    {
        var none = world.Result.Cell("attune:uncertainty", 0, c => c.Auc).Mean;
        var ten = world.Result.Cell("attune:uncertainty", 10, c => c.Auc).Mean;
        var oracle = world.Result.Cell("oracle", 10, c => c.Auc).Mean;

        Assert.True(ten > none, $"m = 10: {ten:F3}, m = 0: {none:F3}");
        Assert.True(oracle >= ten - 0.02, $"oracle {oracle:F3} below Attune {ten:F3}");
    }

    [Fact]
    public void Run_trueBasisReference_startsAtChanceAndLearnsFromTheAnswers()
    {
        // The true prior's mean is 0, so with no answers every margin is 0 (AUC exactly 1/2).
        var none = world.Result.Cell("true-basis:uncertainty", 0, c => c.Auc).Mean;
        var ten = world.Result.Cell("true-basis:uncertainty", 10, c => c.Auc).Mean;

        Assert.Equal(0.5, none, 12);
        Assert.True(ten > 0.6, $"true basis at m = 10: {ten:F3}");
    }

    [Fact]
    public void Run_firstSeed_runsThatSeedAndMatchesItsRunInASeriesFromZero()
    {
        var single = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", new EvaluationRunOptions
        {
            Seeds = 1,
            FirstSeed = 1,
            Protocol = TinyWorld.Options.Protocol,
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, single.Seeds[0].Seed);
        Assert.Equal(
            world.Result.Seeds[1].Curves["attune:uncertainty"][10].Auc,
            single.Seeds[0].Curves["attune:uncertainty"][10].Auc);
    }

    [Fact]
    public void Run_predictiveScoring_changesOnlyTheFittedModelsScores()
    {
        var predictive = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", new EvaluationRunOptions
        {
            Seeds = 1,
            Protocol = new ProtocolOptions
            {
                AnswerCounts = TinyWorld.Answers,
                Trainer = TinyWorld.Options.Protocol.Trainer,
                Scoring = NewUserScoring.Predictive,
            },
        }, cancellationToken: TestContext.Current.CancellationToken);

        var mean = world.Result.Seeds[0].Curves;
        var moderated = predictive.Seeds[0].Curves;
        Assert.Equal(mean["oracle"][10].Auc, moderated["oracle"][10].Auc);
        Assert.Equal(mean["per-user"][10].Auc, moderated["per-user"][10].Auc);
        Assert.NotEqual(mean["attune:uncertainty"][10].LogLoss, moderated["attune:uncertainty"][10].LogLoss);
    }

    [Fact]
    public void Run_sameOptions_isDeterministic()
    {
        var again = EvaluationRunner.Run(TinyWorld.Load, "synthetic", "tiny test world", new EvaluationRunOptions
        {
            Seeds = 1,
            Protocol = TinyWorld.Options.Protocol,
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            world.Result.Seeds[0].Curves["attune:uncertainty"][10].Auc,
            again.Seeds[0].Curves["attune:uncertainty"][10].Auc);
    }
}
