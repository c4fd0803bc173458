using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;

namespace Attune.IntegrationTests.Tests;

/// <summary>Issue 4, erasure: EraseUser on the feedback service reaches every service that holds the user's data.</summary>
public sealed class ErasureTests : StackTest
{
    /// <summary>
    /// With a trained model in force (so the adapter holds weights for every user), EraseUser removes the user's
    /// comparisons from the feedback store, the trainer's copy and the adapter's answers, and the user's weights from the
    /// adapter; no stored model file (the trainer's versions, the adapter's copies) names the user; the user reads as a
    /// cold start, and everybody else's data is untouched.
    /// </summary>
    [Fact]
    public async Task EraseUser_noServiceHoldsTheUsersComparisonsOrWeights()
    {
        var population = StylesPopulation.Load(seed: 9, comparisonsPerUser: 10, prompts: 8);
        var (erased, kept) = (population.FormalUser, population.CasualUser);
        await RecordAsync(population.Comparisons);
        await WaitForCopiesAsync();
        var job = await Stack.TrainerClient.StartTrainingAsync(new StartTrainingRequest { Seed = 1, K = 2 }, Deadline());
        Assert.Equal(TrainingState.Succeeded, (await WatchToEndAsync(job.JobId)).State);
        await WaitForModelInAdapterAsync(1);
        Assert.Equal(10, await Stores.TrainerCopyCountAsync(erased));
        Assert.Equal(10, await Stores.AdapterAnswerCountAsync(erased));
        Assert.True(await Stores.AdapterWeightCountAsync(erased) > 0, "the adapter holds no weights for the user before the erasure");
        var keptWeights = await Stores.AdapterWeightCountAsync(kept);

        var reply = await Stack.FeedbackClient.EraseUserAsync(new EraseUserRequest { UserId = erased }, Deadline());

        Assert.Equal(10, reply.Erased);
        await Eventually.ThatAsync(async () =>
                await Stores.FeedbackCountAsync(erased) == 0
                && await Stores.TrainerCopyCountAsync(erased) == 0
                && await Stores.AdapterAnswerCountAsync(erased) == 0
                && await Stores.AdapterWeightCountAsync(erased) == 0,
            $"{erased}'s comparisons and weights gone from every service", diagnostics: () => Stack.Logs);
        Assert.Equal(0, await Stores.ModelsMentioningAsync("trainer", erased));
        Assert.Equal(0, await Stores.ModelsMentioningAsync("adapter", erased));
        var profile = (await Stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = erased }, Deadline())).Profile;
        Assert.True(profile.ColdStart);
        Assert.Equal(0, profile.Answers);
        Assert.Equal(10, await Stores.FeedbackCountAsync(kept));
        Assert.Equal(10, await Stores.TrainerCopyCountAsync(kept));
        Assert.Equal(10, await Stores.AdapterAnswerCountAsync(kept));
        Assert.Equal(keptWeights, await Stores.AdapterWeightCountAsync(kept));
    }
}
