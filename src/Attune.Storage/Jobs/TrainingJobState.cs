namespace Attune.Storage;

/// <summary>A training job's lifecycle; stored as lower-case text.</summary>
public enum TrainingJobState
{
    /// <summary>Accepted, not yet started.</summary>
    Queued = 1,

    /// <summary>Being trained by a live trainer process.</summary>
    Running = 2,

    /// <summary>Finished; <see cref="TrainingJob.ModelVersion"/> holds the model produced. Terminal.</summary>
    Succeeded = 3,

    /// <summary>Failed; <see cref="TrainingJob.Error"/> says why. Terminal.</summary>
    Failed = 4,
}
