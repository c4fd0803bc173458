namespace Attune.Gateway.Proxy;

/// <summary>Cluster metadata keys the gateway reads from <c>ReverseProxy:Clusters:&lt;id&gt;:Metadata</c>.</summary>
public static class BackendHealthMetadata
{
    /// <summary>
    /// The fully qualified gRPC service a cluster serves (e.g. <c>attune.v1.AdapterService</c>): the gateway's
    /// grpc.health.v1 reports that name from whether the cluster's backend answers its own health check.
    /// </summary>
    public const string GrpcService = "GrpcService";
}
