using Attune.ServiceDefaults;
using Attune.Storage;
using MassTransit;

namespace Attune.Trainer.Models;

/// <summary>
/// Publishes the model store's outbox (ModelPromoted, queued with each change of the model in force), oldest first, at
/// least once: an entry is marked only after the broker took it, so a broker outage delays promotions' announcements and
/// loses none, across restarts too. Message ids are stable per promotion, so consumers see each once. The loop, wake-up
/// and backoff are <see cref="OutboxPublisher"/>'s; it starts once the host has (the bus accepts messages from then).
/// </summary>
public sealed partial class ModelOutboxDispatcher(
    IModelStore models, IBus bus, IHostApplicationLifetime lifetime, ILogger<ModelOutboxDispatcher> logger)
    : OutboxPublisher(bus, logger, "model announcements")
{
    private const int BatchSize = 64;

    /// <inheritdoc />
    protected override TimeSpan IdlePoll => TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
        {
            await Task.Delay(Timeout.Infinite, started.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await base.ExecuteAsync(stoppingToken);
    }

    /// <inheritdoc />
    protected override async Task<bool> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        var entries = await models.PendingAnnouncementsAsync(BatchSize, stoppingToken);
        foreach (var entry in entries)
        {
            await PublishAsync(entry.Id, entry.MessageId, entry.MessageType, entry.PayloadJson, stoppingToken);
            await models.MarkAnnouncedAsync([entry.Id], CancellationToken.None);
            LogPublished(entry.MessageType, entry.Id);
        }

        return entries.Count == BatchSize;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Type} (model outbox entry {Id})")]
    private partial void LogPublished(string type, long id);
}
