namespace Attune.Storage;

/// <summary>
/// Remembers which messages each consumer has processed, so redelivered messages change nothing. Two ways to use it:
/// <list type="bullet">
/// <item>Atomic (preferred): pass an <see cref="InboxReceipt"/> to the store's write method (e.g.
/// <see cref="ITrainingDataStore.UpsertAsync"/>, <see cref="IProfileStore.AddAnswerAsync"/>): the receipt and the write
/// commit in one transaction, and a receipt already present skips the write.</item>
/// <item>Standalone: <see cref="TryMarkProcessedAsync"/> before a side effect that is idempotent anyway, or outside any
/// database; a crash between marking and acting loses that message, so prefer the atomic form.</item>
/// </list>
/// </summary>
public interface IInbox : IInitializableStore
{
    /// <summary>Records (consumer, message id) as processed.</summary>
    /// <returns>True the first time; false when it was already recorded (the caller should skip the message).</returns>
    Task<bool> TryMarkProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Whether (consumer, message id) is recorded.</summary>
    Task<bool> IsProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Forgets receipts recorded before <paramref name="before"/> (longer ago than any redelivery).</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
