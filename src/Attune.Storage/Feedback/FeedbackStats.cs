namespace Attune.Storage;

/// <summary>Counts over the feedback store.</summary>
/// <param name="Comparisons">Stored comparisons.</param>
/// <param name="Users">Distinct users with at least one comparison.</param>
/// <param name="DistinctPairs">Distinct (prompt, unordered {response_a, response_b}) pairs.</param>
/// <param name="PendingOutbox">Outbox entries not yet dispatched.</param>
public sealed record FeedbackStats(long Comparisons, long Users, long DistinctPairs, long PendingOutbox);
