namespace Attune.Contracts.Messages;

/// <summary>
/// A comparison was durably stored by the feedback service. Published through its outbox, at least once: consumers
/// deduplicate by <see cref="ComparisonId"/>.
/// </summary>
public sealed record FeedbackRecorded
{
    /// <summary>The stored comparison's identifier; also the event's deduplication key.</summary>
    public required Guid ComparisonId { get; init; }

    public required string UserId { get; init; }

    public required string Prompt { get; init; }

    public required string ResponseA { get; init; }

    public required string ResponseB { get; init; }

    /// <summary>P(user prefers A over B) in [0, 1]; 0.5 is a tie.</summary>
    public required double Preference { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}
