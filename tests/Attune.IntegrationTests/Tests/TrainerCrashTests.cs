using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace Attune.IntegrationTests.Tests;

/// <summary>Issue 4, faults: the trainer process killed (SIGKILL) in the middle of a training.</summary>
public sealed class TrainerCrashTests : StackTest
{
    private static readonly HashSet<string> Computing = new(StringComparer.Ordinal) { "svd", "refining", "clustering" };

    /// <summary>
    /// The trainer dies while the job computes: no model is stored (so none was announced) and the adapter has none;
    /// restarted, the trainer marks the dead job failed and the next training succeeds and reaches the adapter.
    /// </summary>
    [Fact]
    public async Task TrainerKilledMidTraining_publishesNothing_andTheNextTrainingSucceeds()
    {
        var comparisons = StylesPopulation.Load(seed: 5, comparisonsPerUser: 25, prompts: 8).Comparisons;
        await RecordAsync(comparisons);
        await WaitForCopiesAsync();

        var killed = await Stack.TrainerClient.StartTrainingAsync(new StartTrainingRequest { Seed = 1, Reason = "crash test" }, Deadline());
        var seen = await KillWhenComputingAsync(killed.JobId);
        TestContext.Current.TestOutputHelper?.WriteLine($"killed at phase {seen.Phase}, progress {seen.Progress:F2}");

        Assert.True(Computing.Contains(seen.Phase), $"the job was at '{seen.Phase}' ({seen.State}) when killed, not computing");
        Assert.Empty(await Stores.ModelVersionsAsync());
        Assert.Equal([("running", "crash test")], await Stores.JobsAsync());
        Assert.Equal(0, await AdapterModelAsync());

        await Stack.StartTrainerAsync();

        var dead = (await Stack.TrainerClient.GetTrainingJobAsync(new GetTrainingJobRequest { JobId = killed.JobId }, Deadline())).Job;
        Assert.Equal(TrainingState.Failed, dead.State);
        Assert.Empty((await Stack.TrainerClient.ListModelsAsync(new ListModelsRequest(), Deadline())).Models);
        var next = await Stack.TrainerClient.StartTrainingAsync(new StartTrainingRequest { Seed = 1, Reason = "after crash" }, Deadline());
        var done = await WatchToEndAsync(next.JobId);
        Assert.Equal(TrainingState.Succeeded, done.State);
        Assert.Equal(1, done.ModelVersion);
        Assert.Equal([1L], await Stores.ModelVersionsAsync());
        await WaitForModelInAdapterAsync(1);
        Assert.Equal(1, await AdapterModelAsync());
    }

    /// <summary>Watches the job and SIGKILLs the trainer at its first report from a computing phase; returns that report.</summary>
    private async Task<TrainingJob> KillWhenComputingAsync(string jobId)
    {
        using var call = Stack.TrainerClient.WatchTrainingJob(new WatchTrainingJobRequest { JobId = jobId },
            new CallOptions(deadline: DateTime.UtcNow + Eventually.DefaultTimeout, cancellationToken: TestContext.Current.CancellationToken));
        await foreach (var update in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            if (Computing.Contains(update.Job.Phase) || update.Job.State != TrainingState.Running)
            {
                await Stack.Trainer.KillAsync();
                return update.Job;
            }
        }

        throw new InvalidOperationException($"The watch of {jobId} ended without a report.{Environment.NewLine}{Stack.Logs}");
    }
}
