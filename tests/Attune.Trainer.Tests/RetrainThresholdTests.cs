using Attune.Contracts.Messages;
using Attune.Storage;
using Attune.Trainer.Models;
using Attune.Trainer.Training;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

public sealed class RetrainThresholdTests(ThresholdTrainerFixture trainer) : IClassFixture<ThresholdTrainerFixture>
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    private readonly ITrainingJobStore _jobs = trainer.Services.GetRequiredService<ITrainingJobStore>();
    private readonly IModelStore _models = trainer.Services.GetRequiredService<IModelStore>();
    private readonly ITrainingDataStore _data = trainer.Services.GetRequiredService<ITrainingDataStore>();

    private async Task PublishAll(IEnumerable<FeedbackRecorded> feedback)
    {
        var list = feedback.ToList();
        foreach (var f in list)
        {
            await trainer.Bus.Bus.Publish(f, ctx => ctx.MessageId = f.ComparisonId, TestContext.Current.CancellationToken);
        }

        var ids = list.Select(f => f.ComparisonId).ToHashSet();
        Assert.True(await trainer.Bus.EventuallyConsumed<FeedbackRecorded>(m => ids.Contains(m.Message.ComparisonId), list.Count, Long));
    }

    /// <summary>
    /// A model exists, no job runs, and too little new feedback is left for another (fewer than 100 comparisons since
    /// the model in force, which the "all" rule needs): nothing starts until more feedback arrives.
    /// </summary>
    private async Task<bool> Settled()
    {
        var ct = TestContext.Current.CancellationToken;
        if ((await _jobs.ListAsync(100, cancellationToken: ct)).Any(j => !j.IsTerminal))
        {
            return false;
        }

        var latest = (await _models.ListAsync(1, ct)).FirstOrDefault();
        return latest is not null && await Fresh(latest) < 100;
    }

    private Task<long> Fresh(ModelVersionInfo model) =>
        _data.CountSinceAsync(ModelMetadata.Parse(model.MetadataJson).Watermark, TestContext.Current.CancellationToken);

    [Fact]
    public async Task NewFeedback_crossingTheThreshold_retrainsByItselfAndNotBelowIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var feedback = StylesFeedback.Load(users: 12, comparisonsPerUser: 40, prompts: 5, seed: 11);

        await PublishAll(feedback.Take(300));

        Assert.True(await HarnessExtensions.EventuallyAsync(Settled, Long), "no model trained from the first 300 comparisons");
        var jobs = await _jobs.ListAsync(100, cancellationToken: ct);
        Assert.All(jobs, j => Assert.Equal(TrainingRequest.ThresholdReason, j.Reason));
        Assert.All(jobs, j => Assert.Equal(TrainingJobState.Succeeded, j.State));
        var before = (await _models.ListAsync(1, ct))[0];
        Assert.True(await trainer.Bus.EventuallyPublished<ModelTrained>(m => m.Message.ModelVersion == before.Version));

        var below = (int)Math.Min(50, 99 - await Fresh(before));
        await PublishAll(feedback.Skip(300).Take(below)); // still fewer than 100 new comparisons
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // five debounce periods

        Assert.Equal(jobs.Count, (await _jobs.ListAsync(100, cancellationToken: ct)).Count);

        await PublishAll(feedback.Skip(300 + below).Take(100)); // now >= 100 new, and >= 20% of at most 300

        Assert.True(await HarnessExtensions.EventuallyAsync(
            async () => (await _models.ListAsync(1, ct))[0].Version > before.Version, Long), "no retraining after crossing the threshold");
        var after = (await _models.ListAsync(1, ct))[0];
        Assert.True(await trainer.Bus.EventuallyPublished<ModelTrained>(m => m.Message.ModelVersion == after.Version));
        var job = (await _jobs.ListAsync(100, cancellationToken: ct)).Single(j => j.JobId == ModelMetadata.Parse(after.MetadataJson).JobId);
        Assert.Equal(TrainingRequest.ThresholdReason, job.Reason);
    }
}
