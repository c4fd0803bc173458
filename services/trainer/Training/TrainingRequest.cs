namespace Attune.Trainer.Training;

/// <summary>A validated request to train.</summary>
/// <param name="Rank">K, or null to choose it from the spectrum and validation.</param>
/// <param name="L2">lambda for both V and W (sums over comparisons), or null for Attune.Ml's default.</param>
/// <param name="Seed">Seed of every random choice; the job is deterministic for its data and seed.</param>
/// <param name="Reason">"manual", "threshold" or the caller's note.</param>
public sealed record TrainingRequest(int? Rank, float? L2, int Seed, string Reason)
{
    /// <summary>Reason of a job started by <see cref="RetrainWatcher"/>.</summary>
    public const string ThresholdReason = "threshold";

    /// <summary>Reason of a request that gave none.</summary>
    public const string ManualReason = "manual";

    /// <summary>The settings as stored with the job.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(new { k = Rank ?? 0, l2 = L2 ?? 0, seed = Seed });
}
