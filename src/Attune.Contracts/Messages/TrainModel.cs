namespace Attune.Contracts.Messages;

/// <summary>Asks the trainer to train a model now (sent by the trainer's own threshold watcher or by operators).</summary>
public sealed record TrainModel
{
    /// <summary>Identifies the request; a redelivered command starts no second job.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>K, or 0 to choose it from the singular spectrum.</summary>
    public int K { get; init; }

    public long Seed { get; init; }

    /// <summary>Why: "threshold", "manual", an operator's note.</summary>
    public required string Reason { get; init; }
}
