using Attune.Contracts.Testing.V1;
using Attune.Rpc;

namespace Attune.Contracts.Clients;

/// <summary>A typed client of attune.testing.v1.EchoService, the test service exercising every kind of call. Read-only RPCs are marked idempotent, so UNAVAILABLE is retried.</summary>
/// <param name="channel">The channel to call through (share one per server address).</param>
public sealed class EchoServiceClient(GrpcChannel channel)
{
    /// <summary>The full service name.</summary>
    public const string ServiceName = "attune.testing.v1.EchoService";

    private static readonly Method<EchoRequest, EchoReply> UnaryMethod =
        new(MethodType.Unary, ServiceName, "Unary", EchoReply.Parser);

    private static readonly Method<EchoRequest, EchoReply> ServerStreamMethod =
        new(MethodType.ServerStreaming, ServiceName, "ServerStream", EchoReply.Parser);

    private static readonly Method<EchoRequest, EchoReply> ClientStreamMethod =
        new(MethodType.ClientStreaming, ServiceName, "ClientStream", EchoReply.Parser);

    private static readonly Method<EchoRequest, EchoReply> BidiMethod =
        new(MethodType.DuplexStreaming, ServiceName, "Bidi", EchoReply.Parser);

    /// <summary>Echoes the message (or fails as the request asks).</summary>
    public Task<EchoReply> UnaryAsync(EchoRequest request, CallOptions options = default) =>
        channel.UnaryAsync(UnaryMethod, request, options);

    /// <summary>Streams <c>repeat</c> copies of the message.</summary>
    public AsyncServerStreamingCall<EchoReply> ServerStream(EchoRequest request, CallOptions options = default) =>
        channel.ServerStreaming(ServerStreamMethod, request, options);

    /// <summary>Concatenates every message sent.</summary>
    public AsyncClientStreamingCall<EchoRequest, EchoReply> ClientStream(CallOptions options = default) =>
        channel.ClientStreaming(ClientStreamMethod, options);

    /// <summary>Echoes each message as it arrives.</summary>
    public AsyncDuplexStreamingCall<EchoRequest, EchoReply> Bidi(CallOptions options = default) =>
        channel.DuplexStreaming(BidiMethod, options);
}
