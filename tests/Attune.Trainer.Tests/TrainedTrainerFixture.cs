using Attune.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

/// <summary>A trainer holding the small styles feedback (written straight to its store), with no model yet.</summary>
public sealed class TrainedTrainerFixture : TrainerServiceFixture
{
    public IReadOnlyList<Contracts.Messages.FeedbackRecorded> Feedback { get; } = StylesFeedback.Load();

    protected override async Task SeedAsync()
    {
        var store = Services.GetRequiredService<ITrainingDataStore>();
        await store.UpsertManyAsync(Feedback.Select(f => new TrainingComparison(
            f.ComparisonId, f.UserId, f.Prompt, f.ResponseA, f.ResponseB, f.Preference, f.RecordedAt)).ToList());
    }
}
