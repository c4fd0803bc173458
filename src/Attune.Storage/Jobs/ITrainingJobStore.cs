namespace Attune.Storage;

/// <summary>The trainer's training jobs.</summary>
public interface ITrainingJobStore : IInitializableStore
{
    /// <summary>Stores a new job.</summary>
    /// <exception cref="InvalidOperationException">A job with the same id exists.</exception>
    Task<TrainingJob> CreateAsync(TrainingJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Overwrites a job's state, progress, phase, reason, model version, error, validation loss and parameters. A job
    /// already terminal is never changed again, so a zombie worker cannot revive a job marked failed at start-up.
    /// </summary>
    /// <returns>The job as stored, or null when no such job exists or it is already terminal.</returns>
    Task<TrainingJob?> UpdateAsync(TrainingJob job, CancellationToken cancellationToken = default);

    /// <summary>A job by id, or null.</summary>
    Task<TrainingJob?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> jobs, newest first, optionally only those in <paramref name="state"/>.</summary>
    Task<IReadOnlyList<TrainingJob>> ListAsync(
        int limit = 50, TrainingJobState? state = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks jobs left queued or running by a dead process as failed with <paramref name="error"/>. Call at start-up.
    /// With <paramref name="notUpdatedFor"/>, only jobs not written for that long are marked (progress writes act as a
    /// heartbeat, so several trainer processes can share a store); with null, every unfinished job is marked.
    /// </summary>
    /// <returns>How many jobs were marked.</returns>
    Task<int> FailInterruptedAsync(string error, TimeSpan? notUpdatedFor = null, CancellationToken cancellationToken = default);
}
