namespace Attune.Storage;

/// <summary>One training job as the trainer stores it.</summary>
/// <param name="JobId">Identifier chosen by the trainer; 1-128 characters.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Progress">Fraction done in [0, 1].</param>
/// <param name="Phase">Current phase: "loading", "svd", "refining", "clustering", "storing", "done".</param>
/// <param name="Reason">Why the job ran: "manual", "threshold" or the request's reason.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TrainingJob(
    string JobId, TrainingJobState State, double Progress, string Phase, string Reason, DateTimeOffset CreatedAt)
{
    /// <summary>The model version produced, when <see cref="TrainingJobState.Succeeded"/>.</summary>
    public long? ModelVersion { get; init; }

    /// <summary>Failure description, when <see cref="TrainingJobState.Failed"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Current validation log-loss (nats per comparison), once known.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>The request's settings (k, l2, seed) as a JSON object, if any.</summary>
    public string? ParametersJson { get; init; }

    /// <summary>Set by the store on every write.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set by the store the first time the job is written as running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Set by the store the first time the job is written in a terminal state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True for <see cref="TrainingJobState.Succeeded"/> and <see cref="TrainingJobState.Failed"/>.</summary>
    public bool IsTerminal => State is TrainingJobState.Succeeded or TrainingJobState.Failed;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(JobId) || JobId.Length > 128)
        {
            throw new ArgumentException("job_id must have 1-128 characters.", "job_id");
        }

        if (!Enum.IsDefined(State))
        {
            throw new ArgumentOutOfRangeException("state", State, "Unknown training job state.");
        }

        if (!double.IsFinite(Progress) || Progress is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException("progress", Progress, "progress must be in [0, 1].");
        }

        ArgumentNullException.ThrowIfNull(Phase, "phase");
        ArgumentNullException.ThrowIfNull(Reason, "reason");
    }
}
