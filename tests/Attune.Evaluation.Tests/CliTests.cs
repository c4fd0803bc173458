using Attune.Cli;

namespace Attune.Evaluation.Tests;

public sealed class CliTests
{
    [Fact]
    public void Eval_unknownDataset_failsAndListsTheKnownOnes()
    {
        var (code, output, error) = Run("eval", "--dataset", "imagenet");

        Assert.Equal(2, code);
        Assert.Contains("unknown dataset 'imagenet'", error, StringComparison.Ordinal);
        Assert.Contains("synthetic, styles, dsp, hh", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Eval_missingSharedData_saysWhereItLooked()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}");

        var (code, _, error) = Run("eval", "--dataset", "dsp", "--data", missing, "--seeds", "1");

        Assert.Equal(3, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_missingFile_failsWithItsPath()
    {
        var (code, _, error) = Run("train", "--data", "no-such-file.jsonl", "--out", "model.attune");

        Assert.Equal(3, code);
        Assert.Contains("no-such-file.jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_smallJsonlFile_writesTheModelAndPrintsMetrics()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"attune-train-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var data = Path.Combine(folder, "comparisons.jsonl");
            var model = Path.Combine(folder, "model.attune");
            Attune.Data.Jsonl.ComparisonJsonlWriter.WriteFile(data, TinyWorld.Load(0).Comparisons);

            var (code, output, error) = Run("train", "--data", data, "--out", model, "--k", "2", "--seed", "1");

            Assert.Equal(0, code);
            Assert.Empty(error);
            Assert.Contains("K = 2", output, StringComparison.Ordinal);
            Assert.Contains("validation_auc", output, StringComparison.Ordinal);
            using var file = File.OpenRead(model);
            var loaded = Attune.Ml.Serialization.ModelFile.Read(file);
            Assert.Equal(2, loaded.Rank);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Eval_firstSeedAndRecordedQuestions_areUsedAndReported()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"attune-eval-test-{Guid.NewGuid():N}");
        try
        {
            var (code, _, error) = Run(
                "eval", "--dataset", "synthetic", "--quick", "--seeds", "1", "--first-seed", "5", "--questions", "Recorded",
                "--scoring", "Predictive", "--out", folder);

            Assert.Equal(0, code);
            Assert.Empty(error);
            var report = File.ReadAllText(Path.Combine(folder, "report.md"));
            Assert.Contains("Seeds: 1 (5..5)", report, StringComparison.Ordinal);
            Assert.Contains("the user's own recorded calibration-prompt comparisons", report, StringComparison.Ordinal);
            Assert.Contains("Laplace predictive margin", report, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Eval_unknownMethod_exitsTwoAndListsTheKnownMethods()
    {
        var (code, _, error) = Run("eval", "--dataset", "synthetic", "--methods", "attune-bert");

        Assert.Equal(2, code);
        Assert.Contains("attune-bert", error, StringComparison.Ordinal);
        Assert.Contains("attune-minilm", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = AttuneCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
