namespace Attune.Evaluation.Results;

/// <summary>What one seed recorded about a featurizer x learner method besides its curves.</summary>
/// <param name="Rank">K of its model.</param>
/// <param name="TrainSeconds">Wall-clock seconds of its training (a neural method's include its linear start).</param>
/// <param name="SeenUsersAuc">The training users' own test-prompt AUC (pooled); NaN when there are none.</param>
/// <param name="Featurizer">The featurizer's description.</param>
public sealed record MethodFacts(int Rank, double TrainSeconds, double SeenUsersAuc, string Featurizer);
