using Attune.Cli;
using Attune.Contracts.V1;

namespace Attune.Embedded.Tests;

/// <summary>
/// <c>attune model</c> against the embedded stack, through its gateway with the run's demo key: the table lists the
/// model in force, show prints the gate's verdict, pin and unpin reach the registry, promoting the model in force changes
/// nothing, an unknown version and a missing key are refused with the server's status.
/// </summary>
public sealed class ModelCommandTests(EmbeddedStackFixture stack) : IClassFixture<EmbeddedStackFixture>
{
    private (int Code, string Output, string Error) Attune(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = AttuneCommand.Run([.. args, "--gateway", stack.Stack.Gateway.ToString(), "--key", stack.Stack.DemoKey], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ModelCommands_throughTheGateway_listShowPinPromoteAndRefuse()
    {
        var inForce = (await new TrainerService.TrainerServiceClient(stack.Trainer).GetModelAsync(
            new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken)).Summary;

        var list = Attune("model", "list");
        var show = Attune("model", "show");
        var pin = Attune("model", "pin", "--reason", "test freeze");
        var pinned = await new TrainerService.TrainerServiceClient(stack.Trainer).GetModelAsync(
            new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var unpin = Attune("model", "unpin");
        var promote = Attune("model", "promote", inForce.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var unknown = Attune("model", "promote", "999");
        using var noKeyOut = new StringWriter();
        using var noKeyErr = new StringWriter();
        var noKey = AttuneCommand.Run(["model", "list", "--gateway", stack.Stack.Gateway.ToString(), "--key", ""], noKeyOut, noKeyErr);

        Assert.Equal(0, list.Code);
        var row = list.Output.Split('\n').Single(l => l.TrimStart().StartsWith(inForce.Version + " ", StringComparison.Ordinal));
        Assert.Contains("active", row, StringComparison.Ordinal);
        Assert.Equal(0, show.Code);
        Assert.Contains($"model {inForce.Version}: active", show.Output, StringComparison.Ordinal);
        Assert.Contains("gate: passed", show.Output, StringComparison.Ordinal);
        // The base functions by name, each with its highest- and lowest-scoring training answer.
        Assert.Matches(@"function 1: \S.* <-> \S", show.Output);
        Assert.Contains("    high: \"", show.Output, StringComparison.Ordinal);
        Assert.Contains("    low:  \"", show.Output, StringComparison.Ordinal);
        Assert.Equal((0, true), (pin.Code, pinned.Pinned));
        Assert.Equal(0, unpin.Code);
        Assert.Equal(0, promote.Code);
        Assert.Contains("already in force", promote.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("NotFound", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(4, noKey);
        Assert.Contains("Unauthenticated", noKeyErr.ToString(), StringComparison.Ordinal);
        Assert.False((await new TrainerService.TrainerServiceClient(stack.Trainer).GetModelAsync(
            new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken)).Pinned);
    }

    /// <summary>
    /// <c>attune train</c> -> <c>attune model import</c> -> the adapter scores with that model: the file is judged by the
    /// gate on the stack's held-out comparisons (its figures stored), then force-promoted, announced, taken up by the
    /// adapter; a rollback puts the previous model back. A damaged file is refused naming the field.
    /// </summary>
    [Fact]
    public async Task TrainThenImport_judgedThenForced_adapterScoresWithTheImportedModel()
    {
        var folder = Directory.CreateTempSubdirectory("attune-import-").FullName;
        try
        {
            var data = Path.Combine(folder, "styles.jsonl");
            var modelFile = Path.Combine(folder, "model.attune");
            var dataset = Data.DatasetCatalog.Load("styles", new Data.DatasetOptions { Seed = 11, Users = 24, ComparisonsPerUser = 30, Prompts = 8 });
            Data.Jsonl.ComparisonJsonlWriter.WriteFile(data, dataset.Comparisons);
            using (var trainOut = new StringWriter())
            using (var trainErr = new StringWriter())
            {
                Assert.Equal(0, AttuneCommand.Run(["train", "--data", data, "--out", modelFile, "--k", "2", "--seed", "3"], trainOut, trainErr));
            }

            var trainer = new TrainerService.TrainerServiceClient(stack.Trainer);
            var before = (await trainer.GetModelAsync(new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken)).Summary.Version;

            var judged = Attune("model", "import", modelFile, "--reason", "from attune train");
            Assert.Equal(0, judged.Code);
            var version = long.Parse(System.Text.RegularExpressions.Regex.Match(judged.Output, @"imported as model (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var summary = (await trainer.GetModelAsync(new GetModelRequest { Version = version }, cancellationToken: TestContext.Current.CancellationToken)).Summary;
            Assert.True(summary.State is ModelState.Active or ModelState.Rejected, $"{summary.State}: {summary.StateReason}");
            Assert.Equal(before, summary.Gate.AgainstVersion);
            Assert.True(summary.Gate.Users > 0, summary.Gate.Verdict);
            Assert.Equal(2, summary.K);

            if (summary.State != ModelState.Active)
            {
                Assert.Equal(0, Attune("model", "promote", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force").Code);
            }

            var adapter = new AdapterService.AdapterServiceClient(stack.Adapter);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            ScoreReply score;
            do
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
                score = await adapter.ScoreAsync(new ScoreRequest { UserId = "import-probe", Prompt = "How do I start?", Responses = { "Start small.", "Dear reader, kindly begin." } },
                    cancellationToken: TestContext.Current.CancellationToken);
            }
            while (score.ModelVersion != version && DateTime.UtcNow < deadline);
            Assert.Equal(version, score.ModelVersion);
            Assert.Equal(2, score.Scores.Count);

            var back = Attune("model", "rollback", "--from", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, back.Code);
            Assert.Contains($"to model {before}", back.Output, StringComparison.Ordinal);

            var damaged = Path.Combine(folder, "damaged.attune");
            var bytes = await File.ReadAllBytesAsync(modelFile, TestContext.Current.CancellationToken);
            bytes[bytes.Length / 2] ^= 0xFF;
            await File.WriteAllBytesAsync(damaged, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
            var refused = Attune("model", "import", damaged);
            Assert.Equal(1, refused.Code);
            Assert.Contains("InvalidArgument", refused.Error, StringComparison.Ordinal);
            Assert.Contains("chunk", refused.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
