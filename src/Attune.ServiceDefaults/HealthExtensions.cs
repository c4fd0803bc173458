using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.ServiceDefaults;

/// <summary>
/// grpc.health.v1 from ASP.NET Core health checks (Grpc.AspNetCore.HealthChecks). The overall status ("") is the
/// process's own checks (its store reachable): what a liveness or readiness probe asks. A service's own name (e.g.
/// <c>attune.v1.AdapterService</c>) is the checks tagged with it: what that service needs to answer, which can be more
/// (the adapter answers only with a model in force): what a readiness probe asks. <c>self</c> is the process alone: what
/// a liveness probe asks.
/// </summary>
public static class HealthExtensions
{
    /// <summary>The check (and service name) that is healthy while the process answers.</summary>
    public const string SelfCheck = "self";

    /// <summary>Tag of checks that decide a service's status but not the overall one.</summary>
    public const string ServiceOnlyTag = "service-only";

    /// <summary>
    /// Adds a check that decides <paramref name="serviceName"/>'s status, and the overall status too unless
    /// <paramref name="serviceOnly"/>.
    /// </summary>
    public static IServiceCollection AddServiceHealthCheck<TCheck>(
        this IServiceCollection services, string name, string serviceName, bool serviceOnly = false)
        where TCheck : class, IHealthCheck
    {
        ArgumentNullException.ThrowIfNull(services);
        string[] tags = serviceOnly ? [serviceName, ServiceOnlyTag] : [serviceName];
        services.AddHealthChecks().AddCheck<TCheck>(name, tags: tags);
        services.Configure<GrpcHealthChecksOptions>(o =>
        {
            if (!o.Services.Any(s => s.Name == serviceName))
            {
                o.Services.Map(serviceName, r => r.Tags.Contains(serviceName));
            }

            o.Services.Map("", r => !r.Tags.Contains(ServiceOnlyTag));
        });
        return services;
    }
}
