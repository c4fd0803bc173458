using Attune.Contracts.Messages;
using Attune.Storage;
using MassTransit;

namespace Attune.Trainer.Models;

/// <summary>
/// Publishes ModelTrained for a stored model, retrying while the broker is away. The message id is derived from the
/// version, so announcing a version twice sends the same message id and consumers that deduplicate see it once. At
/// start-up the latest model is announced again: a crash between storing a model and announcing it (or a broker
/// outage longer than the retries) is repaired by the next start.
/// </summary>
public sealed partial class ModelAnnouncer(
    IBus bus, IModelStore models, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ModelAnnouncer> logger)
    : BackgroundService
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)];

    /// <summary>The bus message id of ModelTrained for <paramref name="version"/>.</summary>
    public static Guid MessageId(long version) => StableMessageId.From($"attune.trainer.ModelTrained:{version}");

    /// <summary>Publishes ModelTrained for a model already stored; false when every attempt failed (logged).</summary>
    public async Task<bool> AnnounceAsync(long version, int k, string jobId, CancellationToken cancellationToken)
    {
        var message = new ModelTrained { ModelVersion = version, K = k, JobId = jobId, TrainedAt = clock.GetUtcNow() };
        var id = MessageId(version);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await bus.Publish(message, ctx => ctx.MessageId = id, cancellationToken);
                LogAnnounced(version, k);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < Backoff.Length)
            {
                LogRetry(e, version);
                await Task.Delay(Backoff[attempt], cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogGaveUp(e, version);
                return false;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The bus accepts messages once the host has started; a host stopping before that never gets there.
            using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
            {
                await Task.Delay(Timeout.Infinite, started.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            stoppingToken.ThrowIfCancellationRequested();
            var latest = (await models.ListAsync(1, stoppingToken)).FirstOrDefault();
            if (latest is not null)
            {
                var metadata = ModelMetadata.Parse(latest.MetadataJson);
                await AnnounceAsync(latest.Version, metadata.K, metadata.JobId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the announcement: the next start repeats it.
        }
        catch (Exception e)
        {
            LogStartupFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced model version {Version} (K = {K})")]
    private partial void LogAnnounced(long version, int k);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot announce model version {Version} yet; retrying")]
    private partial void LogRetry(Exception exception, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up announcing model version {Version}; the next start-up announces it")]
    private partial void LogGaveUp(Exception exception, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not re-announce the latest model at start-up")]
    private partial void LogStartupFailed(Exception exception);
}
