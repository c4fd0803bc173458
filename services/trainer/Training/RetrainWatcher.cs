using Attune.Storage;
using Attune.Trainer.Models;
using Attune.Trainer.Options;

namespace Attune.Trainer.Training;

/// <summary>
/// Retrains by itself when enough feedback arrived since the model in force: new comparisons (training-data sequence
/// numbers above the model's watermark) at least <c>Trainer:RetrainMinNewComparisons</c>, and/or (<c>Trainer:RetrainRule</c>)
/// at least <c>Trainer:RetrainMinNewFraction</c> of the model's training set. Woken by new feedback and by the end of
/// every job; after a wake-up it waits <c>Trainer:RetrainDebounce</c> to gather more feedback, so it checks at most once
/// per debounce period. A threshold job that failed is retried only once more feedback has arrived.
/// </summary>
public sealed partial class RetrainWatcher : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ITrainingDataStore _data;
    private readonly IModelStore _models;
    private readonly TrainingOrchestrator _orchestrator;
    private readonly TrainerOptions _options;
    private readonly ILogger<RetrainWatcher> _logger;
    private volatile bool _thresholdJobFailed;
    private long _failedAtWatermark;

    /// <summary>Creates the watcher and subscribes to the end of jobs.</summary>
    public RetrainWatcher(
        ITrainingDataStore data, IModelStore models, TrainingOrchestrator orchestrator, TrainerOptions options, ILogger<RetrainWatcher> logger)
    {
        _data = data;
        _models = models;
        _orchestrator = orchestrator;
        _options = options;
        _logger = logger;
        orchestrator.JobEnded += OnJobEnded;
    }

    /// <summary>New feedback was stored.</summary>
    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.AutoRetrain)
        {
            return;
        }

        Notify(); // feedback may have arrived while the trainer was down
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(stoppingToken);
                await Task.Delay(_options.RetrainDebounce, stoppingToken);
                _wake.Wait(0);
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogCheckFailed(e);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (_orchestrator.RunningJobId is not null)
        {
            return; // the job's end wakes us again
        }

        if (_thresholdJobFailed)
        {
            _thresholdJobFailed = false;
            _failedAtWatermark = await _data.GetWatermarkAsync(cancellationToken);
        }

        if (_failedAtWatermark > 0 && await _data.CountSinceAsync(_failedAtWatermark, cancellationToken) == 0)
        {
            return;
        }

        var latest = (await _models.ListAsync(1, cancellationToken)).FirstOrDefault();
        var model = latest is null ? null : ModelMetadata.Parse(latest.MetadataJson);
        var fresh = await _data.CountSinceAsync(model?.Watermark ?? 0, cancellationToken);
        var total = await _data.CountSinceAsync(0, cancellationToken);
        if (fresh == 0 || total < _options.MinComparisons || !ThresholdCrossed(fresh, model?.Comparisons))
        {
            return;
        }

        LogCrossed(fresh, model?.Comparisons ?? 0);
        try
        {
            await _orchestrator.StartAsync(new TrainingRequest(null, null, 0, TrainingRequest.ThresholdReason), cancellationToken);
        }
        catch (Exception e) when (e is TrainingInProgressException or InsufficientFeedbackException)
        {
            LogNotStarted(e.Message);
        }
    }

    /// <summary>Whether <paramref name="fresh"/> new comparisons call for retraining a model trained on <paramref name="trained"/>.</summary>
    internal bool ThresholdCrossed(long fresh, long? trained)
    {
        bool? byCount = _options.RetrainMinNewComparisons > 0 ? fresh >= _options.RetrainMinNewComparisons : null;
        bool? byFraction = _options.RetrainMinNewFraction > 0
            ? trained is not > 0 || fresh >= _options.RetrainMinNewFraction * trained.Value
            : null;
        bool?[] conditions = [byCount, byFraction];
        var enabled = conditions.Where(c => c is not null).Select(c => c!.Value).ToList();
        return _options.RetrainOnAny ? enabled.Any(c => c) : enabled.All(c => c);
    }

    private void OnJobEnded(TrainingJob job)
    {
        if (job.Reason == TrainingRequest.ThresholdReason && job.State == TrainingJobState.Failed)
        {
            _thresholdJobFailed = true;
        }
        else if (job.State == TrainingJobState.Succeeded)
        {
            _failedAtWatermark = 0;
        }

        Notify();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Fresh} new comparisons since the model in force (trained on {Trained}): retraining")]
    private partial void LogCrossed(long fresh, long trained);

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold retraining not started: {Reason}")]
    private partial void LogNotStarted(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retraining check failed; retried at the next feedback")]
    private partial void LogCheckFailed(Exception exception);
}
