using System.Data.Common;
using System.Text.Json;
using Attune.Contracts.Messages;
using Attune.Feedback.Outbox;
using Grpc.Core;
using Attune.Storage;

namespace Attune.Feedback.Domain;

/// <summary>
/// Stores validated comparisons with their FeedbackRecorded event queued in the same transaction (the outbox), and
/// erases users with their UserErased event. A store outage becomes UNAVAILABLE with nothing written.
/// </summary>
public sealed class FeedbackIngest(IFeedbackStore store, OutboxDispatcher outbox, TimeProvider clock)
{
    /// <summary>Stores one comparison; a known (user, client id) returns the earlier id as a duplicate.</summary>
    public async Task<RecordResult> RecordAsync(ValidComparison comparison, CancellationToken cancellationToken)
    {
        var (row, entry) = ToRow(comparison);
        var result = await Guarded(() => store.RecordAsync(row, entry, cancellationToken));
        outbox.Notify();
        return result;
    }

    /// <summary>Stores a batch in one transaction.</summary>
    public async Task<BatchRecordResult> RecordBatchAsync(IReadOnlyList<ValidComparison> batch, CancellationToken cancellationToken)
    {
        var result = await Guarded(() => store.RecordBatchAsync(batch.Select(ToRow).ToList(), cancellationToken));
        outbox.Notify();
        return result;
    }

    /// <summary>Deletes a user's comparisons and queues UserErased (even when there were none); returns the count.</summary>
    public async Task<int> EraseUserAsync(string userId, CancellationToken cancellationToken)
    {
        var message = new UserErased { UserId = userId, ErasureId = Guid.CreateVersion7(), ErasedAt = clock.GetUtcNow() };
        var entry = new OutboxEntry(message.ErasureId, nameof(UserErased), JsonSerializer.Serialize(message));
        var erased = await Guarded(() => store.EraseUserAsync(userId, entry, cancellationToken));
        outbox.Notify();
        return erased;
    }

    /// <summary>Runs a store call, turning an outage into UNAVAILABLE.</summary>
    public static async Task<T> Guarded<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException e) when (StoreOutage.Is(e))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The feedback store is unavailable; nothing was stored. Retry later."));
        }
        catch (TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The feedback store timed out; nothing was stored. Retry later."));
        }
    }

    private (NewComparison, OutboxEntry) ToRow(ValidComparison c)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var message = new FeedbackRecorded
        {
            ComparisonId = id,
            UserId = c.UserId,
            Prompt = c.Prompt,
            ResponseA = c.ResponseA,
            ResponseB = c.ResponseB,
            Preference = c.Preference,
            RecordedAt = now,
        };
        return (new NewComparison(id, c.ClientId, c.UserId, c.Prompt, c.ResponseA, c.ResponseB, c.Preference, now),
            new OutboxEntry(id, nameof(FeedbackRecorded), JsonSerializer.Serialize(message)));
    }
}
