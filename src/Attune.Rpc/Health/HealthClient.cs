using Attune.Rpc.Health.V1;

namespace Attune.Rpc;

/// <summary>A client of grpc.health.v1.Health.</summary>
/// <param name="channel">The channel to call through.</param>
public sealed class HealthClient(GrpcChannel channel)
{
    private const string Service = "grpc.health.v1.Health";

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod =
        new(MethodType.Unary, Service, "Check", HealthCheckResponse.Parser, idempotent: true);

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod =
        new(MethodType.ServerStreaming, Service, "Watch", HealthCheckResponse.Parser);

    /// <summary>The status of <paramref name="request"/>'s service ("" for the server); NOT_FOUND for an unknown one.</summary>
    public Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, CallOptions options = default) =>
        channel.UnaryAsync(CheckMethod, request, options);

    /// <summary>The status now and at every change, until cancelled or the server stops.</summary>
    public AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, CallOptions options = default) =>
        channel.ServerStreaming(WatchMethod, request, options);
}
