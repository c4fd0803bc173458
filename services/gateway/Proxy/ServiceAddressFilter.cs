using Yarp.ReverseProxy.Configuration;

namespace Attune.Gateway.Proxy;

/// <summary>
/// Lets <c>Services:&lt;cluster&gt;</c> (e.g. <c>Services:Adapter</c>, <c>Services__Adapter</c>) set the address of a
/// cluster of <c>ReverseProxy:Clusters</c> (cluster ids match case-insensitively), the key every Attune service reads
/// its peers' addresses from; the cluster's configured destinations are the defaults.
/// </summary>
public sealed class ServiceAddressFilter(IConfiguration configuration) : IProxyConfigFilter
{
    /// <inheritdoc />
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var address = configuration[$"Services:{cluster.ClusterId}"];
        if (string.IsNullOrWhiteSpace(address))
        {
            return ValueTask.FromResult(cluster);
        }

        return ValueTask.FromResult(cluster with
        {
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
            {
                [cluster.ClusterId] = new() { Address = address },
            },
        });
    }

    /// <inheritdoc />
    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
