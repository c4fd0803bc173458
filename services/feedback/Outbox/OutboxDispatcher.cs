using Attune.ServiceDefaults;
using Attune.Storage;
using MassTransit;

namespace Attune.Feedback.Outbox;

/// <summary>
/// Publishes the feedback store's outbox to the bus, oldest first, at least once: an entry is marked dispatched only
/// after the broker accepted it, so a broker outage leaves entries pending until it is back, and a crash between publish
/// and mark republishes (consumers deduplicate by message id). Entries are leased, so two replicas publish disjoint
/// batches. The loop, wake-up and backoff are <see cref="OutboxPublisher"/>'s.
/// </summary>
public sealed class OutboxDispatcher(IFeedbackStore store, IBus bus, ILogger<OutboxDispatcher> logger)
    : OutboxPublisher(bus, logger, "outbox events")
{
    private const int BatchSize = 256;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task<bool> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        var entries = await store.LeaseOutboxAsync(BatchSize, Lease, stoppingToken);
        if (entries.Count == 0)
        {
            return false;
        }

        var done = new List<long>(entries.Count);
        try
        {
            foreach (var entry in entries)
            {
                await PublishAsync(entry.Id, entry.MessageId, entry.MessageType, entry.PayloadJson, stoppingToken);
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

        return done.Count == BatchSize;
    }
}
