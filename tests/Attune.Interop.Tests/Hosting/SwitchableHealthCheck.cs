using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Interop.Tests.Hosting;

/// <summary>
/// A health check a test turns on and off: it decides attune.testing.v1.EchoService's status over grpc.health.v1 (the
/// real Grpc.AspNetCore.HealthChecks path: Check runs it, Watch sees the publisher's results).
/// </summary>
public sealed class SwitchableHealthCheck : IHealthCheck
{
    /// <summary>The service name whose status this check decides.</summary>
    public const string Service = "attune.testing.v1.EchoService";

    /// <summary>Healthy (SERVING) or not (NOT_SERVING).</summary>
    public volatile bool Healthy = true;

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off by the test"));
}
