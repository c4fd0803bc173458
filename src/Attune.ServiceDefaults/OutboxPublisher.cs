using System.Text.Json;
using Attune.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attune.ServiceDefaults;

/// <summary>
/// What every transactional outbox's dispatcher shares (the feedback service's events, the trainer's model
/// announcements): a loop that publishes pending entries at least once, woken by <see cref="Notify"/> after each write
/// and polling otherwise, backing off (250 ms doubling to 10 s) while the broker is away, with one warning when
/// publishing stops and one line when it resumes. Subclasses read and mark their own store.
/// </summary>
/// <param name="bus">The bus to publish on.</param>
/// <param name="logger">Where the outage and recovery lines go.</param>
/// <param name="subject">What is published, for the log ("outbox events", "model announcements").</param>
public abstract partial class OutboxPublisher(IBus bus, ILogger logger, string subject) : BackgroundService
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>How long the loop waits for <see cref="Notify"/> when nothing more is pending.</summary>
    protected virtual TimeSpan IdlePoll => TimeSpan.FromSeconds(1);

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

    /// <summary>Publishes one batch of pending entries; true when more may be pending (the loop goes on at once).</summary>
    protected abstract Task<bool> DispatchBatchAsync(CancellationToken stoppingToken);

    /// <summary>Publishes one entry (a bus message stored as its type name and JSON) with its message id.</summary>
    /// <exception cref="InvalidOperationException">The payload is empty.</exception>
    protected async Task PublishAsync(long entryId, Guid messageId, string messageType, string payloadJson, CancellationToken stoppingToken)
    {
        var type = MessageTypes.Resolve(messageType);
        var message = JsonSerializer.Deserialize(payloadJson, type)
            ?? throw new InvalidOperationException($"Outbox entry {entryId} has an empty payload.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PublishTimeout);
        await bus.Publish(message, type, ctx => ctx.MessageId = messageId, timeout.Token);
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
                var more = await DispatchBatchAsync(stoppingToken);
                if (failing)
                {
                    LogRecovered(subject);
                    failing = false;
                }

                backoff = TimeSpan.FromMilliseconds(250);
                if (!more)
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
                    LogOutage(e, subject);
                    failing = true;
                }

                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot publish {Subject}; they stay queued and are retried")]
    private partial void LogOutage(Exception exception, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing {Subject} again")]
    private partial void LogRecovered(string subject);
}
