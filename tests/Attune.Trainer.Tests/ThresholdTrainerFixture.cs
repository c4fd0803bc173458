namespace Attune.Trainer.Tests;

/// <summary>A trainer that retrains by itself after 100 new comparisons that are also 20% of the last training set.</summary>
public sealed class ThresholdTrainerFixture : TrainerServiceFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Trainer:Featurizer"] = "hashing",
        ["Trainer:Learner"] = "linear",
        ["Trainer:AutoRetrain"] = "true",
        ["Trainer:MinComparisons"] = "100",
        ["Trainer:RetrainMinNewComparisons"] = "100",
        ["Trainer:RetrainMinNewFraction"] = "0.2",
        ["Trainer:RetrainRule"] = "all",
        ["Trainer:RetrainDebounce"] = "00:00:00.300",
        ["Trainer:MaxAutoRank"] = "2",
    };
}
