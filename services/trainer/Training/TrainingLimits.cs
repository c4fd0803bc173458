namespace Attune.Trainer.Training;

/// <summary>Limits of a training request.</summary>
public static class TrainingLimits
{
    /// <summary>Largest K a request may ask for.</summary>
    public const int MaxRank = 64;
}
