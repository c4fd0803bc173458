using Attune.Adapter.Consumers;
using Attune.Adapter.Domain;
using Attune.Adapter.Grpc;
using Attune.Adapter.Options;
using Attune.Adapter.Rewards;
using Attune.Contracts.V1;
using Attune.ServiceDefaults;
using Attune.Storage;

namespace Attune.Adapter.Extensions;

/// <summary>
/// Wires the adapter: its store (<c>Storage:Adapter</c>: answers, weights, inbox and its model copies), the peers
/// (<c>Services:Trainer</c>, <c>Services:Feedback</c>), settings (<c>Adapter</c>), the bus consumers, the gRPC API and the RL trainer faces.
/// </summary>
public static class AdapterServiceExtensions
{
    /// <summary>Registers the adapter's dependencies; SQLite under the data folder unless configured.</summary>
    public static WebApplicationBuilder AddAdapterServices(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetStorageSection("Adapter", "adapter.db");
        builder.Services.AddProfileStore(section).AddModelStore(section);
        builder.Services.AddOptions<Options.AdapterOptions>()
            .Bind(builder.Configuration.GetSection("Adapter"))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        builder.AddAttuneGrpcClient<TrainerService.TrainerServiceClient>(Peers.TrainerKey, TrainerService.Descriptor);
        builder.AddAttuneGrpcClient<FeedbackService.FeedbackServiceClient>(Peers.FeedbackKey, FeedbackService.Descriptor);
        builder.Services.AddSingleton<Peers>();
        builder.Services.AddSingleton(sp => new PairPool(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdapterOptions>>().Value.PoolCapacity));
        builder.Services.AddSingleton<ProfileBook>();
        builder.Services.AddSingleton<ModelSync>();
        builder.Services.AddSingleton<PoolLoader>();
        builder.Services.AddSingleton<QueryPlanner>();
        builder.Services.AddSingleton<AnswerSubmitter>();
        builder.Services.AddSingleton<RewardScorer>();

        // Registered after the stores (their initializer runs first) and before the bus, so the stored model is in
        // force before the first answer is consumed.
        builder.Services.AddHostedService<ModelStartup>();
        builder.Services.AddHostedService<ModelReconciler>();
        builder.AddAttuneBus(bus =>
        {
            bus.AddConsumer<FeedbackRecordedConsumer>(typeof(FeedbackRecordedConsumerDefinition));
            bus.AddConsumer<UserErasedConsumer>();
            bus.AddConsumer<ModelPromotedConsumer>(typeof(ModelPromotedConsumerDefinition));
        });
        builder.Services.AddServiceHealthCheck<StoreHealthCheck>(StoreHealthCheck.Name, AdapterService.Descriptor.FullName);
        builder.Services.AddServiceHealthCheck<ModelHealthCheck>(ModelHealthCheck.Name, AdapterService.Descriptor.FullName, serviceOnly: true);
        return builder;
    }

    /// <summary>Maps attune.v1.AdapterService and the RL trainer faces (<see cref="RewardEndpoints"/>).</summary>
    public static WebApplication MapAdapterServices(this WebApplication app)
    {
        app.MapGrpcService<AdapterGrpcService>();
        app.MapRewardEndpoints();
        return app;
    }
}
