using Attune.Adapter.Domain;
using Attune.Contracts.Messages;
using MassTransit;

namespace Attune.Adapter.Consumers;

/// <summary>
/// Downloads the announced model, refits every user and switches to it. Idempotent without an inbox: a version already
/// in force (or older) is skipped.
/// </summary>
public sealed class ModelTrainedConsumer(ModelSync sync) : IConsumer<ModelTrained>
{
    public Task Consume(ConsumeContext<ModelTrained> context) =>
        sync.SyncAsync(context.Message.ModelVersion, context.CancellationToken);
}
