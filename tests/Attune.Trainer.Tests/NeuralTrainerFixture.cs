using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

/// <summary>The styles feedback on a trainer configured with <c>Trainer:Learner=neural</c> (hashing featurizer).</summary>
public sealed class NeuralTrainerFixture : TrainerServiceFixture
{
    private readonly TrainedTrainerFixture _feedback = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Trainer:Learner"] = "neural",
        ["Trainer:Featurizer"] = "hashing",
    };

    protected override async Task SeedAsync()
    {
        var store = Services.GetRequiredService<Attune.Storage.ITrainingDataStore>();
        await store.UpsertManyAsync(_feedback.Feedback.Select(f => new Attune.Storage.TrainingComparison(
            f.ComparisonId, f.UserId, f.Prompt, f.ResponseA, f.ResponseB, f.Preference, f.RecordedAt)).ToList());
    }
}
