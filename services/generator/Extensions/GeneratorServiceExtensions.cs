using Attune.Generator.Backends;
using Attune.Generator.Domain;
using Attune.Generator.Grpc;
using Attune.Generator.Options;
using Attune.Generator.Pool;
using Attune.Contracts.V1;
using Attune.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Attune.Generator.Extensions;

/// <summary>
/// Wires the generator: settings (<c>Generator</c>), the backend (an OpenAI-compatible server when
/// <c>Generator:Backend:Url</c> is set, else the candidate pool), the adapter channel (<c>Services:Adapter</c>), the two
/// strategies and the gRPC API. The generator owns no data and uses no bus.
/// </summary>
public static class GeneratorServiceExtensions
{
    /// <summary>Registers the generator's dependencies.</summary>
    public static WebApplicationBuilder AddGeneratorServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GeneratorOptions>()
            .Bind(builder.Configuration.GetSection(GeneratorOptions.Section))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        builder.AddAttuneGrpcClient<AdapterService.AdapterServiceClient>(AdapterPeer.Key, AdapterService.Descriptor);
        builder.Services.AddSingleton<AdapterPeer>();
        builder.Services.AddServiceHealthCheck<AdapterHealthCheck>(AdapterHealthCheck.Name, GeneratorService.Descriptor.FullName, serviceOnly: true);
        builder.Services.AddSingleton<RewardScorer>();
        builder.Services.AddSingleton<IChatBackend>(CreateBackend);
        builder.Services.AddSingleton<BestOfNGenerator>();
        builder.Services.AddSingleton<BlockwiseGenerator>();
        return builder;
    }

    /// <summary>Maps attune.v1.GeneratorService.</summary>
    public static WebApplication MapGeneratorServices(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<GeneratorGrpcService>();
        return app;
    }

    private static IChatBackend CreateBackend(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GeneratorOptions>>().Value;
        if (!options.Backend.IsConfigured)
        {
            services.GetRequiredService<ILogger<PoolBackend>>().LogWarning(
                "Generator:Backend:Url is not set: the candidate pool serves (backend \"pool\", template responses, a stand-in for an LLM).");
            return new PoolBackend(new CandidatePool(options.Pool));
        }

        // One client for the process: pooled connections, recycled so that DNS changes are seen; deadlines are per request.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new OpenAiChatBackend(http, options.Backend, services.GetRequiredService<ILogger<OpenAiChatBackend>>());
    }
}
