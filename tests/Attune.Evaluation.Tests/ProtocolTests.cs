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
