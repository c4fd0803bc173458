namespace Attune.Adapter.Rewards;

/// <summary>The rewards of a batch, all under one model version, in the order of the samples.</summary>
/// <param name="ModelVersion">The model every sample was scored with.</param>
/// <param name="Samples">One per sample.</param>
public sealed record RewardBatch(long ModelVersion, IReadOnlyList<ScoredSample> Samples);
