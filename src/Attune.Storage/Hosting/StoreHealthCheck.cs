using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Storage;

/// <summary>
/// Healthy when every store registered in the container answers <see cref="IInitializableStore.PingAsync"/> within the
/// health check's time; Unhealthy naming the first store that does not (a store outage, not a crash: no stack trace).
/// </summary>
public sealed class StoreHealthCheck(IEnumerable<IInitializableStore> stores) : IHealthCheck
{
    /// <summary>The check's registration name.</summary>
    public const string Name = "store";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var store in stores.Distinct())
        {
            try
            {
                await store.PingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy($"{store.GetType().Name} cannot be reached: {e.Message}");
            }
        }

        return HealthCheckResult.Healthy();
    }
}
