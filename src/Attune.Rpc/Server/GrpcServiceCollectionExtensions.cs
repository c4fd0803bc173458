using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Attune.Rpc;

/// <summary>Registers the gRPC server.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gRPC server: a dispatcher ahead of the application's middleware that serves every service mapped with
    /// <c>MapGrpcService</c>, plus <see cref="HealthStatusRegistry"/> for <c>MapGrpcHealth</c>. Safe to call twice; the
    /// configure actions accumulate.
    /// </summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<GrpcServerRuntime>();
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, GrpcStartupFilter>());
        return services;
    }
}
