using Attune.Storage;

namespace Attune.Trainer.Training;

/// <summary>
/// The live state of this process's latest job, ahead of what is written to the store (progress is persisted every
/// half second), and a signal that wakes watchers on every change.
/// </summary>
public sealed class TrainingJobTracker
{
    private readonly Lock _gate = new();
    private TrainingJob? _latest;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change; capture it before reading the state to miss nothing.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>The live snapshot of <paramref name="jobId"/>, or null when this process is not tracking it.</summary>
    public TrainingJob? Find(string jobId)
    {
        lock (_gate)
        {
            return _latest is { } job && job.JobId == jobId ? job : null;
        }
    }

    /// <summary>Replaces the live snapshot and wakes every watcher.</summary>
    public void Publish(TrainingJob job)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _latest = job;
            woken = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }
}
