using Attune.Contracts.Messages;
using Attune.Trainer.Training;
using MassTransit;

namespace Attune.Trainer.Consumers;

/// <summary>Starts a training job on command; a redelivered command (same request id) starts none.</summary>
public sealed class TrainModelConsumer(TrainingCommands commands) : IConsumer<TrainModel>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<TrainModel> context) => commands.HandleAsync(context.Message, context.CancellationToken);
}
