using System.Data.Common;
using System.Text.Json;
using Attune.Contracts.Messages;
using Attune.Rpc;
using Attune.Storage;

namespace Attune.Feedback.Domain;

/// <summary>
/// Stores validated comparisons with their FeedbackRecorded event queued in the same transaction (the outbox), and
/// erases users with their UserErased event. A store outage becomes UNAVAILABLE with nothing written.
/// </summary>
public sealed class FeedbackIngest(IFeedbackStore store, TimeProvider clock)
{
    /// <summary>Stores one comparison; a known (user, client id) returns the earlier id as a duplicate.</summary>
    public Task<RecordResult> RecordAsync(ValidComparison comparison, CancellationToken cancellationToken) =>
        Guarded(() =>
        {
            var (row, outbox) = ToRow(comparison);
            return store.RecordAsync(row, outbox, cancellationToken);
        });

    /// <summary>Stores a batch in one transaction.</summary>
    public Task<BatchRecordResult> RecordBatchAsync(IReadOnlyList<ValidComparison> batch, CancellationToken cancellationToken) =>
        Guarded(() => store.RecordBatchAsync(batch.Select(ToRow).ToList(), cancellationToken));

    /// <summary>Deletes a user's comparisons and queues UserErased (even when there were none); returns the count.</summary>
    public Task<int> EraseUserAsync(string userId, CancellationToken cancellationToken)
    {
        var message = new UserErased { UserId = userId, ErasureId = Guid.CreateVersion7(), ErasedAt = clock.GetUtcNow() };
        var outbox = new OutboxEntry(message.ErasureId, nameof(UserErased), JsonSerializer.Serialize(message));
        return Guarded(() => store.EraseUserAsync(userId, outbox, cancellationToken));
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
            throw new RpcException(StatusCode.Unavailable, "The feedback store is unavailable; nothing was stored. Retry later.");
        }
        catch (TimeoutException)
        {
            throw new RpcException(StatusCode.Unavailable, "The feedback store timed out; nothing was stored. Retry later.");
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
