using Attune.Gateway.Options;
using Attune.Gateway.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Attune.Gateway.Proxy;

/// <summary>
/// <c>Gateway:Routes:&lt;service&gt;</c> as YARP routes and clusters (loaded beside <c>ReverseProxy</c>): each service's
/// path <c>/&lt;service&gt;/{**method}</c> to one h2c or TLS destination, keyed and limited like the attune.v1 routes.
/// </summary>
public static class ExtraRoutes
{
    /// <summary>The HTTP/2-only request settings every gRPC cluster needs (with a lower version YARP falls back to HTTP/1.1).</summary>
    public static ForwarderRequestConfig Http2Only => new() { Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

    /// <summary>The routes.</summary>
    public static IReadOnlyList<RouteConfig> Routes(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Routes.Keys.Select(service => new RouteConfig
        {
            RouteId = $"route-{service}",
            ClusterId = ClusterId(service),
            AuthorizationPolicy = ApiKeyDefaults.Policy,
            RateLimiterPolicy = ApiKeyDefaults.RateLimiterPolicy,
            Match = new RouteMatch { Path = $"/{service}/{{**method}}" },
        })];
    }

    /// <summary>The clusters.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Routes.Select(route => new ClusterConfig
        {
            ClusterId = ClusterId(route.Key),
            HttpRequest = Http2Only,
            Metadata = new Dictionary<string, string> { [BackendHealthMetadata.GrpcService] = route.Key },
            Destinations = new Dictionary<string, DestinationConfig> { [route.Key] = new() { Address = route.Value } },
        })];
    }

    private static string ClusterId(string service) => $"route-{service}";
}
