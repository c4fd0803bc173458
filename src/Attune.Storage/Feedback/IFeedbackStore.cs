namespace Attune.Storage;

/// <summary>
/// The feedback service's comparisons and its transactional outbox: every write that other services must hear about
/// queues its bus message in the same transaction, and a dispatcher publishes queued messages afterwards.
/// </summary>
public interface IFeedbackStore : IInitializableStore
{
    /// <summary>
    /// In one transaction: stores <paramref name="comparison"/> and queues <paramref name="outbox"/>. When the comparison's
    /// (user, client id) or id is already stored, writes nothing and returns the earlier id with Duplicate = true; this
    /// holds for concurrent duplicates too. If the outbox insert fails, the comparison is not stored either.
    /// </summary>
    /// <exception cref="ArgumentException">A field breaks the invariants (named in the exception).</exception>
    Task<RecordResult> RecordAsync(NewComparison comparison, OutboxEntry outbox, CancellationToken cancellationToken = default);

    /// <summary>Records a batch (bulk import) in one transaction; duplicates are skipped and counted, not queued.</summary>
    Task<BatchRecordResult> RecordBatchAsync(
        IReadOnlyList<(NewComparison Comparison, OutboxEntry Outbox)> items, CancellationToken cancellationToken = default);

    /// <summary>One page of comparisons, newest first, optionally of one user.</summary>
    /// <param name="userId">Only this user's comparisons; null for all.</param>
    /// <param name="pageSize">1 to <see cref="MaxPageSize"/>.</param>
    /// <param name="pageToken">Null or empty for the first page, else the previous page's <see cref="ComparisonPage.NextPageToken"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentException">The page token is malformed (parameter name <c>page_token</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range (parameter name <c>page_size</c>).</exception>
    Task<ComparisonPage> ListAsync(string? userId, int pageSize, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>A comparison by id, or null.</summary>
    Task<StoredComparison?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: deletes every comparison of <paramref name="userId"/> and queues <paramref name="outbox"/>
    /// (the UserErased message, queued even when the user had none so that downstream copies are erased too).
    /// </summary>
    /// <returns>How many comparisons were deleted.</returns>
    Task<int> EraseUserAsync(string userId, OutboxEntry outbox, CancellationToken cancellationToken = default);

    /// <summary>Counts of comparisons, users, distinct pairs and pending outbox entries.</summary>
    Task<FeedbackStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> pending outbox entries, oldest first, for <paramref name="leaseDuration"/>:
    /// no other dispatcher (process) is given them until the lease runs out. Publish them, then
    /// <see cref="MarkDispatchedAsync"/>; an entry whose dispatcher dies is leased again after its lease (at-least-once).
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> LeaseOutboxAsync(int max, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Marks outbox entries published; they are never leased again. Unknown or already-marked ids are ignored.</summary>
    /// <returns>How many entries were newly marked.</returns>
    Task<int> MarkDispatchedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Deletes dispatched outbox entries dispatched before <paramref name="before"/>.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> PurgeDispatchedAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxPageSize = 1000;
}
