using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Attune.Storage;
using Attune.Trainer.Training;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

public sealed class StartupTests
{
    private static readonly Dictionary<string, string> Quiet = new() { ["Trainer:AutoRetrain"] = "false" };

    [Fact]
    public async Task Startup_jobLeftRunningByACrash_markedFailedAndNoModelPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Path.Combine(Path.GetTempPath(), "attune-trainer-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var jobId = Guid.CreateVersion7().ToString();
        try
        {
            await using (var jobs = StorageFactory.CreateTrainingJobStore(new StorageOptions
            {
                Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(dir, "trainer.db")}",
            }))
            {
                await jobs.InitializeAsync(ct);
                await jobs.CreateAsync(new Storage.TrainingJob(jobId, TrainingJobState.Running, 0.4, "refining", "manual", DateTimeOffset.UtcNow), ct);
            }

            await using var factory = TrainerServiceFixture.Start(dir, Quiet);
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var channel = GrpcChannel.ForAddress(address);
            var client = new TrainerService.TrainerServiceClient(channel);

            var job = (await client.GetTrainingJobAsync(new GetTrainingJobRequest { JobId = jobId })).Job;

            Assert.Equal(TrainingState.Failed, job.State);
            Assert.Equal(TrainingOrchestrator.InterruptedError, job.Error);
            Assert.Empty((await client.ListModelsAsync(new ListModelsRequest())).Models);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("Trainer:RetrainRule", "sometimes")]
    [InlineData("Trainer:RetrainMinNewFraction", "-0.5")]
    [InlineData("Trainer:MaxAutoRank", "65")]
    [InlineData("Trainer:MinComparisons", "0")]
    public void Startup_badSetting_failsNamingTheKey(string key, string value)
    {
        var dir = Path.Combine(Path.GetTempPath(), "attune-trainer-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var e = Assert.ThrowsAny<Exception>(() => TrainerServiceFixture.Start(dir, new Dictionary<string, string> { [key] = value }).Dispose());

            Assert.Contains(key, Flatten(e), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
