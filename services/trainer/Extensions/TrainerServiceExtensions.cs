using Attune.Contracts.V1;
using Attune.ServiceDefaults;
using Attune.Storage;
using Attune.Trainer.Consumers;
using Attune.Trainer.Domain;
using Attune.Trainer.Grpc;
using Attune.Trainer.Models;
using Attune.Trainer.Options;
using Attune.Trainer.Training;
using MassTransit;

namespace Attune.Trainer.Extensions;

/// <summary>
/// Wires the trainer: its stores (<c>Storage:Trainer</c>: training data, models, jobs, inbox), the options
/// (<c>Trainer</c>), the consumers on the bus (<c>Bus</c>), the orchestrator, the retraining watcher and the gRPC API.
/// </summary>
public static class TrainerServiceExtensions
{
    /// <summary>Registers the trainer's dependencies; fails at start-up naming any bad configuration key.</summary>
    public static WebApplicationBuilder AddTrainerServices(this WebApplicationBuilder builder)
    {
        var options = new TrainerOptions();
        builder.Configuration.GetSection(TrainerOptions.Section).Bind(options);
        options.Validate();
        builder.Services.AddSingleton(options);

        // Registration order is start-up order: stores are initialized, then interrupted jobs are failed, then the bus
        // starts delivering.
        builder.Services.AddTrainerStorage(builder.Configuration.GetStorageSection("Trainer", "trainer.db"));
        builder.Services.AddSingleton<TrainingJobTracker>();
        builder.Services.AddSingleton<ErasureWatch>();
        builder.Services.AddSingleton<TrainingRun>();
        builder.Services.AddSingleton<TrainingOrchestrator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrainingOrchestrator>());
        builder.AddAttuneBus(bus =>
        {
            bus.AddConsumer<FeedbackRecordedConsumer, FeedbackRecordedConsumerDefinition>();
            bus.AddConsumer<UserErasedConsumer, UserErasedConsumerDefinition>();
            bus.AddConsumer<TrainModelConsumer, TrainModelConsumerDefinition>();
        });
        builder.Services.AddSingleton<ModelOutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelOutboxDispatcher>());
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddSingleton<ModelAnnouncer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelAnnouncer>());
        builder.Services.AddSingleton<RetrainWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetrainWatcher>());
        builder.Services.AddSingleton<TrainingDataIngest>();
        builder.Services.AddSingleton<TrainingCommands>();
        builder.Services.AddGrpc().AddServiceOptions<TrainerGrpcService>(o => o.Interceptors.Add<StoreOutageInterceptor>());
        builder.Services.AddServiceHealthCheck<StoreHealthCheck>(StoreHealthCheck.Name, TrainerService.Descriptor.FullName);
        return builder;
    }

    /// <summary>Maps attune.v1.TrainerService.</summary>
    public static WebApplication MapTrainerServices(this WebApplication app)
    {
        app.MapGrpcService<TrainerGrpcService>();
        return app;
    }
}
