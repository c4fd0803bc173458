namespace Attune.Storage;

/// <summary>The trainer's own copy of the feedback, kept in step by consuming FeedbackRecorded and UserErased.</summary>
public interface ITrainingDataStore : IInitializableStore
{
    /// <summary>
    /// Inserts the comparison, or updates the stored one with the same id (keeping its sequence number): applying the
    /// same event twice leaves one row. With a <paramref name="receipt"/>, the receipt is recorded in the same
    /// transaction and a message already processed changes nothing.
    /// </summary>
    /// <returns>False when <paramref name="receipt"/> was already processed (nothing written); true otherwise.</returns>
    Task<bool> UpsertAsync(TrainingComparison comparison, InboxReceipt? receipt = null, CancellationToken cancellationToken = default);

    /// <summary>Upserts many comparisons in one transaction (backfill, batched consumers).</summary>
    /// <returns>How many items were written.</returns>
    Task<int> UpsertManyAsync(IReadOnlyList<TrainingComparison> comparisons, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every comparison of <paramref name="userId"/> and remembers when (store clock): a later upsert of a
    /// comparison of that user recorded at or before the erasure (a late or redelivered event) is ignored. With a
    /// receipt, at most once per message.
    /// </summary>
    /// <returns>How many comparisons were deleted (0 when the receipt was already processed).</returns>
    Task<int> EraseUserAsync(string userId, InboxReceipt? receipt = null, CancellationToken cancellationToken = default);

    /// <summary>Streams comparisons with a sequence number above <paramref name="afterSequence"/>, in sequence order.</summary>
    IAsyncEnumerable<TrainingComparison> ReadAllAsync(long afterSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>How many stored comparisons have a sequence number above <paramref name="watermark"/>.</summary>
    /// <remarks>
    /// Use <see cref="GetWatermarkAsync"/> as the watermark after a training run. On PostgreSQL, numbers are allocated
    /// at insert but become visible at commit, so with concurrent writers a comparison can appear below a watermark
    /// taken just before it committed: the count is a trigger threshold, not an exact ledger.
    /// </remarks>
    Task<long> CountSinceAsync(long watermark, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number stored (0 when empty).</summary>
    Task<long> GetWatermarkAsync(CancellationToken cancellationToken = default);
}
