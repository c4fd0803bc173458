using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Rpc;

/// <summary>Maps gRPC services onto the application (call after <c>AddGrpcServer</c>).</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <typeparamref name="TService"/> at <c>/package.Service/Method</c> for each method of its descriptor.
    /// </summary>
    /// <exception cref="InvalidOperationException">A method is missing or mistyped, or AddGrpcServer was not called.</exception>
    public static IEndpointRouteBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before MapGrpcService.");
        var descriptor = TService.Descriptor;
        registry.Add(descriptor, ServerMethodBinder.Bind<TService>(descriptor, endpoints.ServiceProvider));
        return endpoints;
    }

    /// <summary>
    /// Serves grpc.health.v1.Health (Check and Watch) from <see cref="HealthStatusRegistry"/>. The overall status ("")
    /// starts SERVING; every status reads NOT_SERVING once the host begins stopping.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetRequiredService<HealthStatusRegistry>().AttachToHost(endpoints.ServiceProvider);
        return endpoints.MapGrpcService<HealthService>();
    }

    /// <summary>
    /// Serves server reflection, grpc.reflection.v1 and v1alpha, over every service mapped (before or after this call).
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcReflection(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<ReflectionServiceV1>();
        return endpoints.MapGrpcService<ReflectionServiceV1Alpha>();
    }
}
