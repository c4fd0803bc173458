using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Attune.Gateway.Health;

/// <summary>
/// Whether the backend of one YARP cluster answers: asks each destination's grpc.health.v1 for its overall status
/// (2 s deadline); healthy when one says SERVING (or has no health service but answers), unhealthy when none can be
/// reached or all say NOT_SERVING.
/// </summary>
public sealed class BackendHealthCheck(string clusterId, IProxyStateLookup proxy, BackendChannels channels) : IHealthCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!proxy.TryGetCluster(clusterId, out var cluster) || cluster.Destinations.IsEmpty)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Cluster '{clusterId}' has no destination.");
        }

        var why = string.Empty;
        foreach (var destination in cluster.Destinations.Values)
        {
            var address = destination.Model.Config.Address;
            try
            {
                var reply = await new global::Grpc.Health.V1.Health.HealthClient(channels.For(address))
                    .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return HealthCheckResult.Healthy($"{address} is SERVING.");
                }

                why = $"{address} reports {reply.Status}.";
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                return HealthCheckResult.Healthy($"{address} answers (it has no health service).");
            }
            catch (RpcException e)
            {
                why = e.Status.DebugException?.GetBaseException() is { } cause
                    ? $"{address} cannot be reached: {e.Status.Detail} ({cause.Message})"
                    : $"{address} cannot be reached: {e.Status.Detail}";
            }
        }

        return new HealthCheckResult(context.Registration.FailureStatus, why);
    }
}
