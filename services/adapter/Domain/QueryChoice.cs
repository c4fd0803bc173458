namespace Attune.Adapter.Domain;

/// <summary>The pair NextQuery asks, its criterion value (0 for random) and the current P(a preferred over b).</summary>
public sealed record QueryChoice(QueryCandidate Pair, double Score, double PredictedPreference);
