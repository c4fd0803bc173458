namespace Attune.Storage;

/// <summary>A comparison as stored by the feedback service.</summary>
/// <param name="Id">The comparison's id.</param>
/// <param name="ClientId">The caller's idempotency key, if any.</param>
/// <param name="UserId">Who judged.</param>
/// <param name="Prompt">The prompt x.</param>
/// <param name="ResponseA">The first response a.</param>
/// <param name="ResponseB">The second response b.</param>
/// <param name="Preference">P(user prefers a over b) in [0, 1].</param>
/// <param name="RecordedAt">When the service accepted it.</param>
/// <param name="Sequence">Position in the store: allocated increasing at insert, never reused.</param>
public sealed record StoredComparison(
    Guid Id,
    string? ClientId,
    string UserId,
    string Prompt,
    string ResponseA,
    string ResponseB,
    double Preference,
    DateTimeOffset RecordedAt,
    long Sequence);
