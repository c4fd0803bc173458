using Attune.Contracts.Messages;
using Attune.Storage;
using Attune.Trainer.Training;

namespace Attune.Trainer.Domain;

/// <summary>
/// Keeps the trainer's own copy of the feedback: each event is applied at most once (its inbox receipt commits with
/// the write), new feedback wakes the <see cref="RetrainWatcher"/>, and erasures are told to a running job.
/// </summary>
public sealed class TrainingDataIngest(ITrainingDataStore store, RetrainWatcher watcher, ErasureWatch erasures)
{
    /// <summary>Inbox consumer name of FeedbackRecorded; stable across releases.</summary>
    public const string FeedbackConsumer = "trainer.FeedbackRecorded";

    /// <summary>Inbox consumer name of UserErased; stable across releases.</summary>
    public const string ErasureConsumer = "trainer.UserErased";

    /// <summary>Stores the comparison; false when this message was already applied.</summary>
    public async Task<bool> RecordAsync(FeedbackRecorded message, Guid messageId, CancellationToken cancellationToken)
    {
        var comparison = new TrainingComparison(
            message.ComparisonId, message.UserId, message.Prompt, message.ResponseA, message.ResponseB, message.Preference, message.RecordedAt);
        var applied = await store.UpsertAsync(comparison, new InboxReceipt(FeedbackConsumer, messageId), cancellationToken);
        if (applied)
        {
            watcher.Notify();
        }

        return applied;
    }

    /// <summary>Deletes the user's comparisons (once per erasure); returns how many were deleted.</summary>
    public async Task<int> EraseAsync(UserErased message, Guid messageId, CancellationToken cancellationToken)
    {
        var erased = await store.EraseUserAsync(message.UserId, new InboxReceipt(ErasureConsumer, messageId), cancellationToken);
        erasures.Record(message.UserId);
        return erased;
    }
}
