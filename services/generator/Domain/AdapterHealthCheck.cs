using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Generator.Domain;

/// <summary>
/// attune.v1.GeneratorService scores every candidate through the adapter: Unhealthy (NOT_SERVING) when no adapter is
/// configured (<see cref="AdapterPeer.Key"/>).
/// </summary>
public sealed class AdapterHealthCheck(AdapterPeer adapter) : IHealthCheck
{
    /// <summary>The check's registration name.</summary>
    public const string Name = "adapter";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(adapter.Client is null
            ? HealthCheckResult.Unhealthy($"no adapter configured ({AdapterPeer.Key})")
            : HealthCheckResult.Healthy($"scores through {adapter.Address}"));
}
