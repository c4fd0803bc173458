using Attune.Gateway.Options;
using Attune.Gateway.Proxy;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Attune.Gateway.Health;

/// <summary>
/// The gateway's grpc.health.v1 from ASP.NET Core health checks: one <see cref="BackendHealthCheck"/> per cluster that
/// names its gRPC service (<c>Metadata:GrpcService</c> in <c>ReverseProxy:Clusters</c>, and every <c>Gateway:Routes</c>
/// entry). That service's name reports its backend; the overall status ("") is SERVING only while every backend answers.
/// </summary>
public static class BackendHealthRegistration
{
    /// <summary>Adds the checks and maps each service name to its own.</summary>
    public static WebApplicationBuilder AddBackendHealthChecks(this WebApplicationBuilder builder, GatewayOptions settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton<BackendChannels>();
        var clusters = builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren()
            .Select(c => (Cluster: c.Key, Service: c[$"Metadata:{BackendHealthMetadata.GrpcService}"]))
            .Where(c => !string.IsNullOrWhiteSpace(c.Service))
            .Concat(ExtraRoutes.Clusters(settings).Select(c => (Cluster: c.ClusterId, Service: (string?)c.Metadata![BackendHealthMetadata.GrpcService])))
            .ToList();
        var checks = builder.Services.AddHealthChecks();
        foreach (var (cluster, service) in clusters)
        {
            checks.Add(new HealthCheckRegistration(
                $"backend:{cluster}",
                sp => new BackendHealthCheck(cluster, sp.GetRequiredService<IProxyStateLookup>(), sp.GetRequiredService<BackendChannels>()),
                HealthStatus.Unhealthy,
                [service!]));
        }

        builder.Services.Configure<GrpcHealthChecksOptions>(o =>
        {
            foreach (var service in clusters.Select(c => c.Service!).Distinct(StringComparer.Ordinal))
            {
                if (!o.Services.Any(s => s.Name == service))
                {
                    o.Services.Map(service, r => r.Tags.Contains(service));
                }
            }
        });
        return builder;
    }
}
