namespace Attune.Contracts.Messages;

/// <summary>
/// The trainer durably published a new model version; the adapter refits every user against it and switches atomically.
/// </summary>
public sealed record ModelTrained
{
    public required long ModelVersion { get; init; }

    /// <summary>Number of base reward functions K.</summary>
    public required int K { get; init; }

    public required string JobId { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }
}
