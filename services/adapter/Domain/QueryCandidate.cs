namespace Attune.Adapter.Domain;

/// <summary>A validated candidate pair; <see cref="PairId"/> is echoed back, empty when the caller gave none.</summary>
public sealed record QueryCandidate(string PairId, string Prompt, string ResponseA, string ResponseB);
