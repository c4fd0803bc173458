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
        var (code, _, error) = Run("train", "--data", "no-such-file.jsonl", "--out", "model.json");

        Assert.Equal(3, code);
        Assert.Contains("no-such-file.jsonl", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = AttuneCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
