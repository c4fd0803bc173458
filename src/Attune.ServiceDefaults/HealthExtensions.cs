using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.ServiceDefaults;

/// <summary>
/// grpc.health.v1 from ASP.NET Core health checks (Grpc.AspNetCore.HealthChecks). The overall status ("") is every
/// check; a service's own name (e.g. <c>attune.v1.AdapterService</c>) is the checks tagged with it: what that service
/// needs to answer (its store, and for the adapter a model in force).
/// </summary>
public static class HealthExtensions
{
    /// <summary>Adds a check that decides both the overall status and <paramref name="serviceName"/>'s.</summary>
    public static IServiceCollection AddServiceHealthCheck<TCheck>(
        this IServiceCollection services, string name, string serviceName)
        where TCheck : class, IHealthCheck
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthChecks().AddCheck<TCheck>(name, tags: [serviceName]);
        services.Configure<Grpc.AspNetCore.HealthChecks.GrpcHealthChecksOptions>(o =>
        {
            if (!o.Services.Any(s => s.Name == serviceName))
            {
                o.Services.Map(serviceName, r => r.Tags.Contains(serviceName));
            }
        });
        return services;
    }
}
