using Attune.Adapter.Domain;
using Attune.Contracts.Messages;
using Attune.Storage;
using MassTransit;

namespace Attune.Adapter.Consumers;

/// <summary>
/// Stores every recorded comparison as its user's answer (once per comparison id, inbox receipt in the same transaction)
/// and refits that user; the event of an answer SubmitAnswer already stored changes nothing.
/// </summary>
public sealed class FeedbackRecordedConsumer(ProfileBook book) : IConsumer<FeedbackRecorded>
{
    /// <summary>The inbox name of this consumer (stable across releases).</summary>
    public const string InboxName = "adapter.FeedbackRecorded";

    public Task Consume(ConsumeContext<FeedbackRecorded> context)
    {
        var m = context.Message;
        var answer = new ProfileAnswer(m.ComparisonId, m.UserId, m.Prompt, m.ResponseA, m.ResponseB, m.Preference, m.RecordedAt);
        return book.AddAnswerAsync(answer, new InboxReceipt(InboxName, context.MessageId ?? m.ComparisonId), context.CancellationToken);
    }
}
