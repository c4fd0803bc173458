using System.Text.Json;
using Attune.Contracts.Messages;
using Attune.Storage;
using MassTransit;

namespace Attune.Feedback.Outbox;

/// <summary>
/// Publishes the feedback store's outbox to the bus, oldest first, at least once: an entry is marked dispatched only
/// after the broker accepted it, so a broker outage leaves entries pending until it is back, and a crash between publish
/// and mark republishes (consumers deduplicate by message id). Woken by <see cref="Notify"/> after each write, and
/// polls otherwise.
/// </summary>
public sealed partial class OutboxDispatcher(
    IFeedbackStore store, IBus bus, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 256;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
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
                // Already woken by another writer.
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(stoppingToken);
                if (failing)
                {
                    LogRecovered();
                    failing = false;
                }

                backoff = TimeSpan.FromMilliseconds(250);
                if (published < BatchSize)
                {
                    await _wake.WaitAsync(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!failing)
                {
                    LogOutage(e);
                    failing = true;
                }

                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        var entries = await store.LeaseOutboxAsync(BatchSize, Lease, stoppingToken);
        if (entries.Count == 0)
        {
            return 0;
        }

        var done = new List<long>(entries.Count);
        try
        {
            foreach (var entry in entries)
            {
                var type = MessageTypes.Resolve(entry.MessageType);
                var message = JsonSerializer.Deserialize(entry.PayloadJson, type)
                    ?? throw new InvalidOperationException($"Outbox entry {entry.Id} has an empty payload.");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(PublishTimeout);
                var messageId = entry.MessageId;
                await bus.Publish(message, type, ctx => ctx.MessageId = messageId, timeout.Token);
                done.Add(entry.Id);
            }
        }
        finally
        {
            if (done.Count > 0)
            {
                await store.MarkDispatchedAsync(done, CancellationToken.None);
            }
        }

        return done.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot publish outbox events; they stay queued and are retried")]
    private partial void LogOutage(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing outbox events again")]
    private partial void LogRecovered();
}
