using System.Collections.Concurrent;
using Attune.Contracts.Messages;
using Attune.Storage;
using MassTransit;

namespace Attune.Trainer.Tests;

/// <summary>A downstream consumer of ModelTrained (as the adapter is): records whether the model was already stored.</summary>
public sealed class ModelTrainedProbe(IModelStore models, ModelTrainedProbe.Log log) : IConsumer<ModelTrained>
{
    public async Task Consume(ConsumeContext<ModelTrained> context) =>
        log.StoredWhenAnnounced[context.Message.ModelVersion] = await models.GetAsync(context.Message.ModelVersion) is not null;

    /// <summary>Version -> whether it was in the model store when ModelTrained arrived.</summary>
    public sealed class Log
    {
        public ConcurrentDictionary<long, bool> StoredWhenAnnounced { get; } = new();
    }
}
