using Attune.Contracts.V1;
using Attune.Rpc;

namespace Attune.Contracts.Clients;

/// <summary>A typed client of attune.v1.GeneratorService, which produces personalized responses. Read-only RPCs are marked idempotent, so UNAVAILABLE is retried.</summary>
/// <param name="channel">The channel to call through (share one per server address).</param>
public sealed class GeneratorServiceClient(GrpcChannel channel)
{
    /// <summary>The full service name.</summary>
    public const string ServiceName = "attune.v1.GeneratorService";

    private static readonly Method<GenerateRequest, GenerateReply> GenerateMethod =
        new(MethodType.Unary, ServiceName, "Generate", GenerateReply.Parser);

    private static readonly Method<GenerateRequest, GenerateStreamReply> GenerateStreamMethod =
        new(MethodType.ServerStreaming, ServiceName, "GenerateStream", GenerateStreamReply.Parser);

    /// <summary>One personalized response with every candidate's score.</summary>
    public Task<GenerateReply> GenerateAsync(GenerateRequest request, CallOptions options = default) =>
        channel.UnaryAsync(GenerateMethod, request, options);

    /// <summary>The response as it is built.</summary>
    public AsyncServerStreamingCall<GenerateStreamReply> GenerateStream(GenerateRequest request, CallOptions options = default) =>
        channel.ServerStreaming(GenerateStreamMethod, request, options);
}
