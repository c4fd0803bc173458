using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Adapter.Domain;

/// <summary>
/// attune.v1.AdapterService answers only with a model in force: Unhealthy (NOT_SERVING over grpc.health.v1) until the
/// first model is loaded, Healthy with its version after.
/// </summary>
public sealed class ModelHealthCheck(ProfileBook book) : IHealthCheck
{
    /// <summary>The check's registration name.</summary>
    public const string Name = "model";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(book.Current is { } model
            ? HealthCheckResult.Healthy($"model {model.Version} in force")
            : HealthCheckResult.Unhealthy("no model in force yet"));
}
