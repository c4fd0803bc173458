namespace Attune.Contracts.Messages;

/// <summary>
/// Published by the trainer, through its outbox, each time a model is put in force (an automatic promotion by the gate,
/// a manual promotion, or a rollback). Consumers switch to <see cref="ModelVersion"/>, which can be older than the one
/// they hold (a rollback); <see cref="Promotion"/> orders promotions, so a consumer ignores one it has already passed.
/// </summary>
public sealed record ModelPromoted
{
    /// <summary>The version now in force.</summary>
    public required long ModelVersion { get; init; }

    /// <summary>The promotion's sequence number, increasing from 1 with every change of the model in force.</summary>
    public required long Promotion { get; init; }

    /// <summary>The version in force before, if any.</summary>
    public long? PreviousVersion { get; init; }

    /// <summary>"promote", "rollback" or "forced".</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset PromotedAt { get; init; }
}
