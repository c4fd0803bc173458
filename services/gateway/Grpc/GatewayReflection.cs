using Grpc.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Attune.Gateway.Grpc;

/// <summary>
/// Server reflection at the gateway over the descriptors compiled in Attune.Contracts, not over the services the
/// gateway itself implements: it lists and describes every attune.v1 service it routes (feedback, trainer, adapter,
/// generator) with their messages, and its own health and reflection, so a generic client that knows only the gateway
/// can build stubs for everything and call it through the gateway. Both grpc.reflection.v1 and v1alpha are served.
/// </summary>
public static class GatewayReflection
{
    /// <summary>The services the gateway describes.</summary>
    public static IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> Services =>
    [
        Contracts.V1.FeedbackService.Descriptor,
        Contracts.V1.TrainerService.Descriptor,
        Contracts.V1.AdapterService.Descriptor,
        Contracts.V1.GeneratorService.Descriptor,
        global::Grpc.Health.V1.Health.Descriptor,
        global::Grpc.Reflection.V1.ServerReflection.Descriptor,
        global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    /// <summary>
    /// Replaces the reflection services that AddGrpcReflection registers (built from the endpoints the app maps) with
    /// ones over <see cref="Services"/>; MapGrpcReflectionService (in MapServiceDefaults) then serves these.
    /// </summary>
    public static IServiceCollection AddGatewayReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<ReflectionServiceImpl>();
        services.RemoveAll<ReflectionV1ServiceImpl>();
        services.AddSingleton(new ReflectionServiceImpl(Services));
        services.AddSingleton(new ReflectionV1ServiceImpl(Services));
        return services;
    }
}
