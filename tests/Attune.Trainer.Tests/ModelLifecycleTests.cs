using Attune.Contracts.Messages;
using Attune.Contracts.V1;
using Attune.Storage;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

/// <summary>
/// The model registry end to end in one trainer: the first model goes in force; 500 junk comparisons from one user
/// produce a candidate the gate rejects (the model in force unchanged); new users with tastes of their own produce one
/// it passes, which the pin holds until an operator promotes it; force and rollback work, are idempotent, and each change
/// of the model in force is announced once through the outbox.
/// </summary>
public sealed class ModelLifecycleTests : IAsyncLifetime
{
    private readonly LifecycleTrainer _trainer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _trainer.InitializeAsync();

    public ValueTask DisposeAsync() => _trainer.DisposeAsync();

    [Fact]
    public async Task Lifecycle_junkRejectedNewStructurePromotedPinPromoteForceRollback()
    {
        var client = _trainer.Client;
        var first = await TrainAsync("first");
        var v1 = await ModelAsync(first);
        Assert.Equal(Contracts.V1.ModelState.Active, v1.State);
        Assert.Contains("first model", v1.StateReason, StringComparison.Ordinal);
        Assert.True(await _trainer.Bus.EventuallyPublished<ModelPromoted>(m => m.Message.ModelVersion == first && m.Message.Promotion == 1));

        // Junk: one user, the same pair 500 times.
        await SeedAsync(Enumerable.Range(0, 500).Select(i => Comparison("junk-user", "p", "a", "b", 1.0, i)));
        var junk = await TrainAsync("junk");
        var rejected = await ModelAsync(junk);
        Assert.True(rejected.State == Contracts.V1.ModelState.Rejected, $"{rejected.State}: {rejected.StateReason}");
        Assert.False(rejected.Gate.Passed);
        Assert.True(rejected.Gate.Dropped["repeat"] > 400, $"repeats dropped: {rejected.Gate.Dropped["repeat"]}");
        Assert.Equal(first, (await client.GetModelAsync(new GetModelRequest())).Summary.Version);
        var onlyOnePromotion = _trainer.Bus.Published.Select<ModelPromoted>(Ct).Count();
        Assert.Equal(1, onlyOnePromotion);

        // New structure while pinned: 24 more users of the styles world (other style directions) with their own
        // feedback. The gate passes the candidate; the pin holds it.
        Assert.True((await client.PinModelAsync(new PinModelRequest { Pinned = true, Reason = "freeze" })).Pinned);
        var newcomers = StylesFeedback.Load(users: 36, comparisonsPerUser: 40, prompts: 5, seed: 0)
            .Where(f => !_trainer.Feedback.Any(old => old.UserId == f.UserId)).ToList();
        Assert.NotEmpty(newcomers);
        await SeedAsync(newcomers.Select(f => new TrainingComparison(
            f.ComparisonId, f.UserId, f.Prompt, f.ResponseA, f.ResponseB, f.Preference, f.RecordedAt)));
        var better = await TrainAsync("new users");
        var held = await ModelAsync(better);
        Assert.True(held.Gate.Passed, held.Gate.Verdict);
        Assert.Equal(first, held.Gate.AgainstVersion);
        Assert.Equal(Contracts.V1.ModelState.Candidate, held.State);
        Assert.Contains("pinned", held.StateReason, StringComparison.Ordinal);
        Assert.Equal(first, (await client.GetModelAsync(new GetModelRequest())).Summary.Version);
        Assert.True((await client.GetModelAsync(new GetModelRequest())).Pinned);

        // An operator promotes it (the gate passed it: no force needed) and unpins.
        var promoted = await client.PromoteModelAsync(new PromoteModelRequest { Version = better, Reason = "reviewed" });
        Assert.True(promoted.Changed);
        Assert.Equal(Contracts.V1.ModelState.Active, promoted.Model.State);
        Assert.False(promoted.Model.Forced);
        Assert.Equal(Contracts.V1.ModelState.Retired, (await ModelAsync(first)).State);
        Assert.False((await client.PinModelAsync(new PinModelRequest { Pinned = false })).Pinned);

        // Promote the rejected one: refused without force, recorded with it.
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.PromoteModelAsync(new PromoteModelRequest { Version = junk }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("force", refused.Status.Detail, StringComparison.Ordinal);
        var forced = await client.PromoteModelAsync(new PromoteModelRequest { Version = junk, Force = true, Reason = "test" });
        Assert.True(forced.Changed);
        Assert.True(forced.Model.Forced);
        var again = await client.PromoteModelAsync(new PromoteModelRequest { Version = junk, Force = true });
        Assert.False(again.Changed);

        // Roll back: once per from_version, then further back.
        var back = await client.RollbackModelAsync(new RollbackModelRequest { FromVersion = junk });
        var repeated = await client.RollbackModelAsync(new RollbackModelRequest { FromVersion = junk });
        Assert.True(back.Changed);
        Assert.Equal(better, back.Model.Version);
        Assert.False(repeated.Changed);
        Assert.Equal(better, (await client.GetModelAsync(new GetModelRequest())).Summary.Version);
        var further = await client.RollbackModelAsync(new RollbackModelRequest());
        Assert.Equal(first, further.Model.Version);

        // Promotions 1 (first), 2 (new users), 3 (forced), 4 and 5 (rollbacks): each announced once.
        Assert.True(await HarnessExtensions.Eventually(() => _trainer.Bus.Published.Select<ModelPromoted>(Ct).Count() == 5));
        var promotions = _trainer.Bus.Published.Select<ModelPromoted>(Ct).Select(m => m.Context.Message).OrderBy(m => m.Promotion).ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], promotions.Select(p => p.Promotion));
        Assert.Equal([first, better, junk, better, first], promotions.Select(p => p.ModelVersion));
        Assert.Equal(["promote", "promote", "forced", "rollback", "rollback"], promotions.Select(p => p.Kind));
        Assert.Empty(await _trainer.Services.GetRequiredService<IModelStore>().PendingAnnouncementsAsync(10, Ct));
    }

    private async Task<long> TrainAsync(string reason, int seed = 7)
    {
        var start = await _trainer.Client.StartTrainingAsync(new StartTrainingRequest { Seed = seed, Reason = reason });
        using var call = _trainer.Client.WatchTrainingJob(new WatchTrainingJobRequest { JobId = start.JobId },
            new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(180)));
        Contracts.V1.TrainingJob? last = null;
        await foreach (var reply in call.ResponseStream.ReadAllAsync(Ct))
        {
            last = reply.Job;
        }

        Assert.True(last?.State == TrainingState.Succeeded, $"job ended {last?.State}: {last?.Error}");
        return last!.ModelVersion;
    }

    private async Task<ModelSummary> ModelAsync(long version) =>
        (await _trainer.Client.GetModelAsync(new GetModelRequest { Version = version })).Summary;

    private Task SeedAsync(IEnumerable<TrainingComparison> comparisons) =>
        _trainer.Services.GetRequiredService<ITrainingDataStore>().UpsertManyAsync(comparisons.ToList(), Ct);

    private static TrainingComparison Comparison(string user, string prompt, string a, string b, double preference, int i) =>
        new(Guid.NewGuid(), user, prompt, a, b, preference, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i));

    private sealed class LifecycleTrainer : TrainerServiceFixture
    {
        public IReadOnlyList<FeedbackRecorded> Feedback { get; } = StylesFeedback.Load();

        // On this small world (12 then 36 users, about 6 held-out comparisons each) the candidate with the newcomers
        // gains 0.08 macro AUC while its macro log-loss rises by about 0.02 (a larger K fitted from few answers is
        // more confident): the log-loss tolerance is set for that size, the defaults stay as documented.
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Trainer:Gate:LogLossTolerance"] = "0.05",
        };

        protected override async Task SeedAsync()
        {
            var store = Services.GetRequiredService<ITrainingDataStore>();
            await store.UpsertManyAsync(Feedback.Select(f => new TrainingComparison(
                f.ComparisonId, f.UserId, f.Prompt, f.ResponseA, f.ResponseB, f.Preference, f.RecordedAt)).ToList());
        }
    }
}
