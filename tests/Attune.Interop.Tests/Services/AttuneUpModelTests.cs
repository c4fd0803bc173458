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
