using Attune.Cli;
using Attune.Evaluation.Generation;

namespace Attune.Evaluation.Tests;

/// <summary>The generation evaluation's settings, command line and report (the run itself is measured in docs/generator.md).</summary>
public sealed class GenerationEvaluationTests
{
    [Theory]
    [InlineData("--n", "1")]
    [InlineData("--n", "17")]
    [InlineData("--seeds", "0")]
    [InlineData("--answers", "-1")]
    public void EvalGeneration_outOfRange_exitOneNamingTheSetting(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = AttuneCommand.Run(["eval-generation", option, value], output, error);

        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Markdown_twoSeeds_meanSdAndPooledVerdict()
    {
        GenerationSeedResult Seed(int seed, double wins) => new()
        {
            Seed = seed, Users = 10, Wins = wins, Ties = 0, PromptWinRate = 0.7, PersonalizedReward = 1, PopulationReward = 0,
            TestPrompts = 20, Rank = 4, Seconds = 1,
        };

        var report = GenerationReport.Markdown([Seed(0, 6), Seed(1, 8)], new GenerationEvaluationOptions());

        Assert.Contains("| 0 | 4 | 10 | 6 (0 ties) | 0.600 |", report, StringComparison.Ordinal);
        Assert.Contains("**0.700 ± 0.141**", report, StringComparison.Ordinal);
        Assert.Contains("Pooled over seeds: 0.700 of new users won. Target (>= 0.70): met.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_belowTarget_saysNotMet()
    {
        var seed = new GenerationSeedResult
        {
            Seed = 0, Users = 10, Wins = 6.5, Ties = 1, PromptWinRate = 0.6, PersonalizedReward = 0.1, PopulationReward = 0,
            TestPrompts = 20, Rank = 3, Seconds = 1,
        };

        Assert.Contains("NOT met", GenerationReport.Markdown([seed], new GenerationEvaluationOptions()), StringComparison.Ordinal);
    }
}
