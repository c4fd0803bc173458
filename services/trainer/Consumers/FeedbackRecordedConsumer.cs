using Attune.Contracts.Messages;
using Attune.Trainer.Domain;
using MassTransit;

namespace Attune.Trainer.Consumers;

/// <summary>Copies each recorded comparison into the trainer's store, once per message id (the comparison id).</summary>
public sealed class FeedbackRecordedConsumer(TrainingDataIngest ingest) : IConsumer<FeedbackRecorded>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<FeedbackRecorded> context) =>
        ingest.RecordAsync(context.Message, context.MessageId ?? context.Message.ComparisonId, context.CancellationToken);
}
