using Attune.Feedback.Domain;
using Attune.Feedback.Grpc;
using Attune.Feedback.Outbox;
using Attune.Contracts.V1;
using Attune.ServiceDefaults;
using Attune.Storage;

namespace Attune.Feedback.Extensions;

/// <summary>
/// Wires the feedback service: its store (<c>Storage:Feedback</c>), the bus (<c>Bus</c>) with the outbox dispatcher, the
/// ingest domain service and the gRPC API.
/// </summary>
public static class FeedbackServiceExtensions
{
    /// <summary>Registers the feedback service's dependencies; SQLite under the data folder unless configured.</summary>
    public static WebApplicationBuilder AddFeedbackServices(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetStorageSection("Feedback", "feedback.db");
        builder.Services.AddFeedbackStore(section);
        builder.AddAttuneBus();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<FeedbackIngest>();
        builder.Services.AddServiceHealthCheck<StoreHealthCheck>(StoreHealthCheck.Name, FeedbackService.Descriptor.FullName);
        return builder;
    }

    /// <summary>Maps attune.v1.FeedbackService.</summary>
    public static WebApplication MapFeedbackServices(this WebApplication app)
    {
        app.MapGrpcService<FeedbackGrpcService>();
        return app;
    }
}
