namespace Attune.Contracts.Messages;

/// <summary>A user's data was erased by the feedback service; every other service erases what it holds of them.</summary>
public sealed record UserErased
{
    public required string UserId { get; init; }

    /// <summary>Identifies this erasure request; consumers deduplicate by it.</summary>
    public required Guid ErasureId { get; init; }

    public required DateTimeOffset ErasedAt { get; init; }
}
