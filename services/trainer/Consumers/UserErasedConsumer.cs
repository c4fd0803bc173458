using Attune.Contracts.Messages;
using Attune.Trainer.Domain;
using MassTransit;

namespace Attune.Trainer.Consumers;

/// <summary>Deletes the erased user's comparisons from the trainer's copy, once per erasure.</summary>
public sealed class UserErasedConsumer(TrainingDataIngest ingest) : IConsumer<UserErased>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<UserErased> context) =>
        ingest.EraseAsync(context.Message, context.MessageId ?? context.Message.ErasureId, context.CancellationToken);
}
