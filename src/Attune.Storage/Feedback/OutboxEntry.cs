using System.Text.Json;

namespace Attune.Storage;

/// <summary>A bus message to publish once the transaction that queued it commits (transactional outbox).</summary>
/// <param name="MessageId">The bus message id: unique, and what consumers de-duplicate on (see <see cref="IInbox"/>).</param>
/// <param name="MessageType">The message's type name, e.g. <c>FeedbackRecorded</c> or <c>UserErased</c>.</param>
/// <param name="PayloadJson">The message body as JSON.</param>
public sealed record OutboxEntry(Guid MessageId, string MessageType, string PayloadJson)
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the id is set, the type named and the payload valid JSON.</summary>
    public void Validate()
    {
        if (MessageId == Guid.Empty)
        {
            throw new ArgumentException("Outbox message id must not be empty.", nameof(MessageId));
        }

        if (string.IsNullOrWhiteSpace(MessageType))
        {
            throw new ArgumentException("Outbox message type is required.", nameof(MessageType));
        }

        ArgumentNullException.ThrowIfNull(PayloadJson);
        try
        {
            using var _ = JsonDocument.Parse(PayloadJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Outbox payload is not valid JSON: {e.Message}", nameof(PayloadJson), e);
        }
    }
}
