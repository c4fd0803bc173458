using Attune.Storage;
using Attune.Trainer.Models;
using Attune.Trainer.Options;

namespace Attune.Trainer.Training;

/// <summary>
/// Runs training jobs one at a time in this process: <see cref="StartAsync(TrainingRequest, CancellationToken)"/> checks
/// there is enough feedback, creates the job (running) and trains in the background; the model is stored, then
/// ModelTrained is announced, then the job is marked succeeded. At start-up, jobs left running by a dead process are
/// marked failed; at shutdown, the running job is cancelled and marked failed. Nothing is published by a job that does
/// not reach the store.
/// </summary>
public sealed partial class TrainingOrchestrator(
    ITrainingDataStore data, ITrainingJobStore jobs, TrainingRun run, ModelAnnouncer announcer, ModelRegistry registry, TrainingJobTracker tracker,
    TrainerOptions options, TimeProvider clock, ILogger<TrainingOrchestrator> logger) : IHostedService
{
    /// <summary>The error recorded on jobs a dead process left running.</summary>
    public const string InterruptedError = "The trainer stopped before this job finished; no model was published from it.";

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Running? _running;

    /// <summary>Raised (on a pool thread) when a job ends, with its final state.</summary>
    public event Action<TrainingJob>? JobEnded;

    /// <summary>The id of the job running in this process, if any.</summary>
    public string? RunningJobId
    {
        get
        {
            lock (_gate)
            {
                return _running?.JobId;
            }
        }
    }

    /// <summary>Starts a job and returns it (running).</summary>
    /// <exception cref="TrainingInProgressException">A job is running.</exception>
    /// <exception cref="InsufficientFeedbackException">Fewer comparisons than Trainer:MinComparisons are stored.</exception>
    public async Task<TrainingJob> StartAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunningJobId is { } busy)
        {
            throw new TrainingInProgressException(busy);
        }

        var stored = await data.CountSinceAsync(0, cancellationToken);
        if (stored < options.MinComparisons)
        {
            throw new InsufficientFeedbackException(
                $"Too little feedback to train: {stored} comparisons stored, at least {options.MinComparisons} needed " +
                $"(Trainer:MinComparisons) from at least {options.MinUsers} users (Trainer:MinUsers).");
        }

        var job = new TrainingJob(Guid.CreateVersion7().ToString(), TrainingJobState.Running, 0, "loading", request.Reason, clock.GetUtcNow())
        {
            ParametersJson = request.ToJson(),
        };
        var running = new Running(job.JobId, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        lock (_gate)
        {
            if (_running is not null)
            {
                throw new TrainingInProgressException(_running.JobId);
            }

            _running = running;
        }

        try
        {
            job = await jobs.CreateAsync(job, cancellationToken);
        }
        catch
        {
            Release(running);
            throw;
        }

        tracker.Publish(job);
        LogStarted(job.JobId, job.Reason);
        running.Task = Task.Run(() => RunAsync(new JobReporter(job, jobs, tracker), request, running), CancellationToken.None);
        return job;
    }

    /// <summary>Marks jobs a dead process left running as failed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var failed = await jobs.FailInterruptedAsync(InterruptedError, cancellationToken: cancellationToken);
        if (failed > 0)
        {
            LogInterrupted(failed);
        }
    }

    /// <summary>Cancels the running job and waits for it to record its failure.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task? task;
        lock (_gate)
        {
            task = _running?.Task;
        }

        if (task is not null)
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(JobReporter reporter, TrainingRequest request, Running running)
    {
        var token = running.Cancellation.Token;
        TrainingJob? final = null;
        try
        {
            var candidate = await run.RunAsync(reporter, request, token);
            var (version, metadata) = (candidate.Version, candidate.Metadata);
            // The model is stored (a candidate) from here on: judge, announce and finish even if shutdown begins now.
            reporter.Report("gate", 0.95);
            var gate = await registry.DecideAsync(candidate, CancellationToken.None);
            await announcer.AnnounceAsync(version, metadata.K, reporter.Current.JobId, CancellationToken.None);
            final = await reporter.SucceedAsync(version, CancellationToken.None);
            LogSucceeded(reporter.Current.JobId, version, metadata.K, metadata.Metric("validation_auc"), gate.Passed ? "passed" : "rejected", gate.Verdict);
        }
        catch (OperationCanceledException e) when (token.IsCancellationRequested || e.CancellationToken == default)
        {
            var why = _stopping.IsCancellationRequested ? "Cancelled: the trainer was shutting down." : e.Message;
            final = await FailQuietlyAsync(reporter, why + " No model was published.");
        }
        catch (TrainingDataException e)
        {
            final = await FailQuietlyAsync(reporter, e.Message);
        }
        catch (Exception e)
        {
            LogCrashed(e, reporter.Current.JobId);
            final = await FailQuietlyAsync(reporter, $"Training failed: {e.Message} No model was published.");
        }
        finally
        {
            await running.Cancellation.CancelAsync();
            Release(running);
            running.Cancellation.Dispose();
        }

        JobEnded?.Invoke(final ?? reporter.Current);
    }

    private async Task<TrainingJob?> FailQuietlyAsync(JobReporter reporter, string error)
    {
        LogFailed(reporter.Current.JobId, error);
        try
        {
            return await reporter.FailAsync(error, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The store is away: the next start-up marks the job failed.
            LogCrashed(e, reporter.Current.JobId);
            return null;
        }
    }

    private void Release(Running running)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_running, running))
            {
                _running = null;
            }
        }
    }

    private sealed class Running(string jobId, CancellationTokenSource cancellation)
    {
        public string JobId { get; } = jobId;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task? Task { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId} started ({Reason})")]
    private partial void LogStarted(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId} stored model version {Version} (K = {K}, validation AUC {Auc:F3}); gate {Outcome}: {Verdict}")]
    private partial void LogSucceeded(string jobId, long version, int k, double auc, string outcome, string verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training job {JobId} failed: {Error}")]
    private partial void LogFailed(string jobId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobId} crashed")]
    private partial void LogCrashed(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} training jobs left running by a stopped trainer as failed")]
    private partial void LogInterrupted(int count);
}
