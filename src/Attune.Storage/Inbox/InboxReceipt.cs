namespace Attune.Storage;

/// <summary>
/// A consumed message to record in the same transaction as the consumer's write: passed to a store's write method,
/// it makes the write happen at most once per (consumer, message id), even when the bus redelivers the message.
/// </summary>
/// <param name="Consumer">The consumer's stable name, e.g. <c>trainer.FeedbackRecorded</c>.</param>
/// <param name="MessageId">The bus message id.</param>
public sealed record InboxReceipt(string Consumer, Guid MessageId)
{
    /// <summary>Throws <see cref="ArgumentException"/> unless both parts are set.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Consumer);
        if (MessageId == Guid.Empty)
        {
            throw new ArgumentException("Inbox message id must not be empty.", nameof(MessageId));
        }
    }
}
