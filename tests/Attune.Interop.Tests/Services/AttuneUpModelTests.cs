using System.Diagnostics;
using Attune.Contracts.V1;
using Grpc.Net.Client;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// <c>attune train</c> writes a model file, <c>attune up --no-demo --model FILE</c> starts the stack with it in force
/// (imported, forced, recorded), the adapter scores with it, and a restart on the same folder keeps it.
/// </summary>
public sealed class AttuneUpModelTests
{
    private static readonly string Cli = ServiceProcess.BuildOutputPath(Path.Combine("src", "Attune.Cli"), "attune");

    /// <summary>Runs the CLI as its own process, as a user does; returns its exit code and what it printed.</summary>
    private static async Task<(int Code, string Output, string Error)> AttuneAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Writes a styles world's comparisons and trains a model file on them with <c>attune train</c>.</summary>
    private static async Task TrainAsync(string folder, string modelFile, int seed, int k)
    {
        var data = Path.Combine(folder, $"styles-{seed}.jsonl");
        var dataset = Data.DatasetCatalog.Load("styles", new Data.DatasetOptions { Seed = seed, Users = 20, ComparisonsPerUser = 30, Prompts = 8 });
        Data.Jsonl.ComparisonJsonlWriter.WriteFile(data, dataset.Comparisons);
        var train = await AttuneAsync("train", "--data", data, "--out", modelFile, "--k", k.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1");
        Assert.True(train.Code == 0, $"attune train exited {train.Code}: {train.Error}");
    }

    private static async Task<ScoreReply> ScoreAsync(AttuneUpProcess up)
    {
        using var adapter = GrpcChannel.ForAddress($"http://{up.Targets["adapter"]}");
        return await new AdapterService.AdapterServiceClient(adapter).ScoreAsync(
            new ScoreRequest { UserId = "someone", Prompt = "How do I start?", Responses = { "Start small.", "Dear reader, kindly begin.", "lol just go" } },
            cancellationToken: TestContext.Current.CancellationToken);
    }

    private static double[] Rewards(ScoreReply reply) => [.. reply.Scores.OrderBy(s => s.Index).Select(s => s.Reward)];

    /// <summary>Waits (at most 60 s) until the adapter scores with <paramref name="version"/>.</summary>
    private static async Task<ScoreReply> ScoredWithAsync(AttuneUpProcess up, long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var reply = await ScoreAsync(up);
            if (reply.ModelVersion == version || DateTime.UtcNow > deadline)
            {
                Assert.Equal(version, reply.ModelVersion);
                return reply;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// The registry's commands as an operator runs them, each a CLI process through the gateway with the run's key:
    /// import a second model (judged by the gate), force it in, pin; a restart keeps model 2 in force and the pin, and the
    /// adapter comes back on it; rollback puts model 1 back and the adapter's scores for a user are model 1's, exactly;
    /// a second restart keeps that.
    /// </summary>
    [Fact]
    public async Task PromotePinRollback_byTheCli_surviveRestarts()
    {
        var folder = Directory.CreateTempSubdirectory("attune-up-lifecycle-").FullName;
        try
        {
            var first = Path.Combine(folder, "first.attune");
            var second = Path.Combine(folder, "second.attune");
            await TrainAsync(folder, first, seed: 4, k: 2);
            await TrainAsync(folder, second, seed: 9, k: 3);
            var dataDir = Directory.CreateDirectory(Path.Combine(folder, "up")).FullName;

            double[] onFirst;
            await using (var up = await AttuneUpProcess.StartAsync(dataDir, "--no-demo", "--model", first))
            {
                string[] key = ["--gateway", $"http://{up.Targets["gateway"]}", "--key", up.DemoKey];
                onFirst = Rewards(await ScoredWithAsync(up, 1));
                var import = await AttuneAsync(["model", "import", second, "--reason", "second world", .. key]);
                Assert.True(import.Code == 0, import.Error);
                Assert.Contains("model 2", import.Output, StringComparison.Ordinal);
                var promote = await AttuneAsync(["model", "promote", "2", "--force", "--reason", "operator's choice", .. key]);
                Assert.True(promote.Code == 0, promote.Error);
                var pin = await AttuneAsync(["model", "pin", "--reason", "freeze for the test", .. key]);
                Assert.True(pin.Code == 0, pin.Error);
                var onSecond = await ScoredWithAsync(up, 2);
                Assert.NotEqual(onFirst, Rewards(onSecond));
                Assert.Equal(0, await up.TerminateAsync());
            }

            await using (var up = await AttuneUpProcess.StartAsync(dataDir, "--no-demo"))
            {
                string[] key = ["--gateway", $"http://{up.Targets["gateway"]}", "--key", up.DemoKey];
                var list = await AttuneAsync(["model", "list", .. key]);
                Assert.True(list.Code == 0, list.Error);
                var row2 = list.Output.Split('\n').Single(l => l.TrimStart().StartsWith("2 ", StringComparison.Ordinal));
                Assert.Contains("active (forced)", row2, StringComparison.Ordinal);
                var show = await AttuneAsync(["model", "show", .. key]);
                Assert.Contains("model 2: active (forced) (registry pinned)", show.Output, StringComparison.Ordinal);
                await ScoredWithAsync(up, 2);

                var rollback = await AttuneAsync(["model", "rollback", "--from", "2", "--reason", "back to the first", .. key]);
                Assert.True(rollback.Code == 0, rollback.Error);
                Assert.Contains("rolled back from model 2 to model 1", rollback.Output, StringComparison.Ordinal);
                var again = await AttuneAsync(["model", "rollback", "--from", "2", .. key]);
                Assert.Contains("model 1 is in force; nothing changed", again.Output, StringComparison.Ordinal);
                Assert.Equal(onFirst, Rewards(await ScoredWithAsync(up, 1)));
                Assert.Equal(0, await up.TerminateAsync());
            }

            await using (var up = await AttuneUpProcess.StartAsync(dataDir, "--no-demo"))
            {
                string[] key = ["--gateway", $"http://{up.Targets["gateway"]}", "--key", up.DemoKey];
                var show = await AttuneAsync(["model", "show", .. key]);
                Assert.Contains("model 1: active", show.Output, StringComparison.Ordinal);
                Assert.Contains("(registry pinned)", show.Output, StringComparison.Ordinal);
                Assert.Equal(onFirst, Rewards(await ScoredWithAsync(up, 1)));
                Assert.Equal(0, (await AttuneAsync(["model", "unpin", .. key])).Code);
                Assert.Equal(0, await up.TerminateAsync());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TrainThenUpWithModel_inForceAndScoredAndKeptAcrossRestart()
    {
        var folder = Directory.CreateTempSubdirectory("attune-up-model-").FullName;
        try
        {
            var data = Path.Combine(folder, "styles.jsonl");
            var modelFile = Path.Combine(folder, "model.attune");
            var dataset = Data.DatasetCatalog.Load("styles", new Data.DatasetOptions { Seed = 4, Users = 20, ComparisonsPerUser = 30, Prompts = 8 });
            Data.Jsonl.ComparisonJsonlWriter.WriteFile(data, dataset.Comparisons);
            var attune = ServiceProcess.BuildOutputPath(Path.Combine("src", "Attune.Cli"), "attune");
            using (var train = Process.Start(new ProcessStartInfo("dotnet", [attune, "train", "--data", data, "--out", modelFile, "--k", "2"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!)
            {
                var stderr = train.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                _ = train.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
                await train.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(3));
                Assert.True(train.ExitCode == 0, $"attune train exited {train.ExitCode}: {await stderr}");
            }

            var dataDir = Directory.CreateDirectory(Path.Combine(folder, "up")).FullName;
            await using (var up = await AttuneUpProcess.StartAsync(dataDir, "--no-demo", "--model", modelFile))
            {
                Assert.Contains(up.Output, l => l.Contains("model 1 imported from model.attune and in force: K = 2", StringComparison.Ordinal));
                using var trainer = GrpcChannel.ForAddress($"http://{up.Targets["trainer"]}");
                var inForce = (await new TrainerService.TrainerServiceClient(trainer).GetModelAsync(new GetModelRequest())).Summary;
                Assert.Equal((1L, ModelState.Active, true, 2), (inForce.Version, inForce.State, inForce.Forced, inForce.K));
                Assert.Contains("attune up --model model.attune", inForce.StateReason, StringComparison.Ordinal);
                using var adapter = GrpcChannel.ForAddress($"http://{up.Targets["adapter"]}");
                var score = await new AdapterService.AdapterServiceClient(adapter).ScoreAsync(
                    new ScoreRequest { UserId = "someone", Prompt = "How do I start?", Responses = { "Start small.", "Dear reader, kindly begin." } });
                Assert.Equal(1, score.ModelVersion);
                Assert.Equal(0, await up.TerminateAsync());
            }

            await using var again = await AttuneUpProcess.StartAsync(dataDir, "--no-demo");
            using var trainerAgain = GrpcChannel.ForAddress($"http://{again.Targets["trainer"]}");
            var kept = (await new TrainerService.TrainerServiceClient(trainerAgain).GetModelAsync(new GetModelRequest())).Summary;
            Assert.Equal((1L, ModelState.Active), (kept.Version, kept.State));
            Assert.Equal(0, await again.TerminateAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
