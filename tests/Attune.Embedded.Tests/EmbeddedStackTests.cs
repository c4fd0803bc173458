using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Embedded.Tests;

/// <summary>
/// The embedded stack end to end: the demo feedback reaches the trainer through the bridge and trains a model by the
/// retraining threshold alone, the gate puts it in force and the adapter takes it up through ModelPromoted, an answer flows adapter -> feedback ->
/// bus -> adapter, and an erasure reaches every service.
/// </summary>
public sealed class EmbeddedStackTests(EmbeddedStackFixture stack) : IClassFixture<EmbeddedStackFixture>
{
    private static CallOptions Call => new(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Demo_seeded_trainedByThresholdAndServedByAdapter()
    {
        var models = await new TrainerService.TrainerServiceClient(stack.Trainer).ListModelsAsync(new ListModelsRequest(), Call);
        var profile = await new AdapterService.AdapterServiceClient(stack.Adapter).GetProfileAsync(new GetProfileRequest { UserId = "someone-new" }, Call);

        Assert.Equal(Cli.Embedded.DemoPopulation.Users * 20, stack.Seeded);
        Assert.NotEmpty(models.Models);
        // The newest model covers the whole demo: every seeded comparison trained on or set aside (the gate's held-out
        // slice, repeats, over a user's share). The gate decides whether it or an earlier threshold model is in force,
        // and the adapter serves that one.
        var newest = models.Models[0];
        Assert.Equal(Cli.Embedded.DemoPopulation.Users, newest.Users);
        Assert.Equal(stack.Seeded, newest.Comparisons + newest.Gate.Dropped.Values.Sum());
        Assert.InRange(newest.Gate.Dropped["held_out"], stack.Seeded / 20, stack.Seeded / 5);
        Assert.True(newest.State is ModelState.Active or ModelState.Rejected, $"{newest.State}: {newest.StateReason}");
        var active = Assert.Single(models.Models, m => m.State == ModelState.Active);
        Assert.Equal(active.Version, profile.Profile.ModelVersion);
        Assert.True(profile.Profile.ColdStart);
        Assert.True(stack.Stack.Bridge.Forwarded >= stack.Seeded, $"forwarded {stack.Stack.Bridge.Forwarded}");
    }

    [Fact]
    public async Task Seed_again_storesNothing()
    {
        Assert.Equal(0, await Cli.Embedded.DemoPopulation.SeedAsync(stack.Feedback, 20, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SubmitAnswer_thenEraseUser_profileMovesThenEveryServiceForgets()
    {
        var adapter = new AdapterService.AdapterServiceClient(stack.Adapter);
        var feedback = new FeedbackService.FeedbackServiceClient(stack.Feedback);
        const string user = "embedded-eraser";
        var query = await adapter.NextQueryAsync(new NextQueryRequest { UserId = user }, Call);

        var answered = await adapter.SubmitAnswerAsync(
            new SubmitAnswerRequest { UserId = user, Pair = query.Pair, Preference = 1, ClientId = "erase-1" }, Call);
        var listed = await feedback.ListComparisonsAsync(new ListComparisonsRequest { UserId = user }, Call);
        var erased = await feedback.EraseUserAsync(new EraseUserRequest { UserId = user }, Call);
        var after = await Eventually(async () =>
        {
            var p = (await adapter.GetProfileAsync(new GetProfileRequest { UserId = user }, Call)).Profile;
            return p.ColdStart ? p : null;
        });

        Assert.Equal(1, answered.Profile.Answers);
        Assert.False(answered.Profile.ColdStart);
        Assert.Single(listed.Comparisons);
        Assert.Equal(1, erased.Erased);
        Assert.Equal(0, after.Answers);
        Assert.Empty((await feedback.ListComparisonsAsync(new ListComparisonsRequest { UserId = user }, Call)).Comparisons);
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
