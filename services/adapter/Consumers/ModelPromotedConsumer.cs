using Attune.Adapter.Domain;
using Attune.Contracts.Messages;
using MassTransit;

namespace Attune.Adapter.Consumers;

/// <summary>
/// Downloads the model the trainer put in force, refits every user from their stored answers and switches to it (a
/// promotion, or a rollback to an older version). Idempotent without an inbox: the version already in force, or a
/// promotion older than one applied, is skipped. A trained model that is not promoted changes nothing here.
/// </summary>
public sealed class ModelPromotedConsumer(ModelSync sync) : IConsumer<ModelPromoted>
{
    public Task Consume(ConsumeContext<ModelPromoted> context) =>
        sync.ApplyPromotionAsync(context.Message.ModelVersion, context.Message.Promotion, context.CancellationToken);
}
