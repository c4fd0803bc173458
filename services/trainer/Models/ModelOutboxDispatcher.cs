using System.Text.Json;
using Attune.Contracts.Messages;
using Attune.Storage;
using MassTransit;

namespace Attune.Trainer.Models;

/// <summary>
/// Publishes the model store's outbox (ModelPromoted, queued with each change of the model in force), oldest first, at
/// least once: an entry is marked only after the broker took it, so a broker outage delays promotions' announcements and
/// loses none, across restarts too. Message ids are stable per promotion, so consumers see each once.
/// </summary>
public sealed partial class ModelOutboxDispatcher(
    IModelStore models, IBus bus, IHostApplicationLifetime lifetime, ILogger<ModelOutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the dispatcher: something was queued.</summary>
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
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The bus accepts messages once the host has started.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
        {
            await Task.Delay(Timeout.Infinite, started.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var backoff = TimeSpan.FromMilliseconds(250);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchAsync(stoppingToken);
                if (failing)
                {
                    LogRecovered();
                    failing = false;
                }

                backoff = TimeSpan.FromMilliseconds(250);
                await _wake.WaitAsync(IdlePoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!failing)
                {
                    LogOutage(e.Message);
                    failing = true;
                }

                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        var entries = await models.PendingAnnouncementsAsync(64, stoppingToken);
        foreach (var entry in entries)
        {
            var type = MessageTypes.Resolve(entry.MessageType);
            var message = JsonSerializer.Deserialize(entry.PayloadJson, type)
                ?? throw new InvalidOperationException($"Model outbox entry {entry.Id} has an empty payload.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(PublishTimeout);
            var messageId = entry.MessageId;
            await bus.Publish(message, type, ctx => ctx.MessageId = messageId, timeout.Token);
            await models.MarkAnnouncedAsync([entry.Id], CancellationToken.None);
            LogPublished(entry.MessageType, entry.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Type} (model outbox entry {Id})")]
    private partial void LogPublished(string type, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot publish model announcements ({Reason}); they stay queued and are retried")]
    private partial void LogOutage(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing model announcements again")]
    private partial void LogRecovered();
}
