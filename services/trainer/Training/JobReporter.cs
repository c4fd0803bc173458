using Attune.Ml.Training;
using Attune.Storage;

namespace Attune.Trainer.Training;

/// <summary>
/// One job's progress: every report updates the live snapshot at once (watchers see it), while the store gets the
/// latest snapshot on <see cref="FlushAsync"/> (every half second while training, and at each phase change). Progress
/// never goes back. Phases and their share of the bar: loading 0-0.1, svd 0.1-0.2, refining 0.2-0.85, clustering
/// 0.85-0.9, storing 0.9-1, done.
/// </summary>
public sealed class JobReporter(TrainingJob job, ITrainingJobStore store, TrainingJobTracker tracker) : IProgress<TrainingProgress>
{
    private readonly Lock _gate = new();
    private TrainingJob _job = job;
    private bool _dirty;

    /// <summary>The latest snapshot.</summary>
    public TrainingJob Current
    {
        get
        {
            lock (_gate)
            {
                return _job;
            }
        }
    }

    /// <summary>Maps Attune.Ml's progress onto the job's phases.</summary>
    public void Report(TrainingProgress value)
    {
        var (phase, start, end) = value.Phase switch
        {
            TrainingPhase.Factorization => ("svd", 0.10, 0.20),
            TrainingPhase.Finishing => ("clustering", 0.85, 0.90),
            _ => ("refining", 0.20, 0.85),
        };
        var fraction = double.IsFinite(value.Fraction) ? Math.Clamp(value.Fraction, 0, 1) : 0;
        Report(phase, start + (end - start) * fraction, double.IsFinite(value.ValidationLoss) ? value.ValidationLoss : null);
    }

    /// <summary>Moves to <paramref name="phase"/> at <paramref name="progress"/> (never backwards).</summary>
    public void Report(string phase, double progress, double? validationLoss = null)
    {
        TrainingJob next;
        lock (_gate)
        {
            next = _job with
            {
                Phase = phase,
                Progress = Math.Max(_job.Progress, Math.Clamp(progress, 0, 1)),
                ValidationLoss = validationLoss ?? _job.ValidationLoss,
            };
            _job = next;
            _dirty = true;
        }

        tracker.Publish(next);
    }

    /// <summary>Writes the latest snapshot if it changed; false when the store no longer accepts it (the job was ended elsewhere).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        TrainingJob snapshot;
        lock (_gate)
        {
            if (!_dirty)
            {
                return true;
            }

            snapshot = _job;
            _dirty = false;
        }

        return await store.UpdateAsync(snapshot, cancellationToken) is not null;
    }

    /// <summary>Ends the job as succeeded with <paramref name="modelVersion"/>.</summary>
    public Task<TrainingJob?> SucceedAsync(long modelVersion, CancellationToken cancellationToken) =>
        EndAsync(j => j with { State = TrainingJobState.Succeeded, Phase = "done", Progress = 1, ModelVersion = modelVersion }, cancellationToken);

    /// <summary>Ends the job as failed with <paramref name="error"/>.</summary>
    public Task<TrainingJob?> FailAsync(string error, CancellationToken cancellationToken) =>
        EndAsync(j => j with { State = TrainingJobState.Failed, Error = error }, cancellationToken);

    private async Task<TrainingJob?> EndAsync(Func<TrainingJob, TrainingJob> end, CancellationToken cancellationToken)
    {
        TrainingJob terminal;
        lock (_gate)
        {
            terminal = end(_job);
            _job = terminal;
            _dirty = false;
        }

        var stored = await store.UpdateAsync(terminal, cancellationToken);
        tracker.Publish(stored ?? terminal);
        return stored;
    }
}
