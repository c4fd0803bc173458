namespace Attune.Evaluation.Results;

/// <summary>The training users of one seed as points: their fitted weights (rows of W, length K) and cluster (-1: none).</summary>
/// <param name="UserIds">User ids.</param>
/// <param name="Weights">w_u per user, each of length K.</param>
/// <param name="Clusters">Cluster per user.</param>
public sealed record UserMap(IReadOnlyList<string> UserIds, IReadOnlyList<float[]> Weights, IReadOnlyList<int> Clusters);
