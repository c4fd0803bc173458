namespace Attune.Storage;

/// <summary>A pending outbox entry leased to one dispatcher.</summary>
/// <param name="Id">The outbox row, passed back to <see cref="IFeedbackStore.MarkDispatchedAsync"/>.</param>
/// <param name="MessageId">The bus message id.</param>
/// <param name="MessageType">The message's type name.</param>
/// <param name="PayloadJson">The message body as JSON.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="Attempts">How many times it has been leased, this lease included.</param>
/// <param name="LeasedUntil">Until when no other dispatcher will be given it.</param>
public sealed record OutboxMessage(
    long Id,
    Guid MessageId,
    string MessageType,
    string PayloadJson,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset LeasedUntil);
