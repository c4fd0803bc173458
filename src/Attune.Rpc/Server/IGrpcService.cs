using Google.Protobuf.Reflection;

namespace Attune.Rpc;

/// <summary>
/// A gRPC service implementation. Its public instance methods are bound at startup, by name, to the methods of
/// <see cref="Descriptor"/>, and must have these shapes (TReq/TRes being the descriptor's message types):
/// <list type="bullet">
/// <item>unary: <c>Task&lt;TRes&gt; M(TReq request, ServerCallContext context)</c></item>
/// <item>server streaming: <c>Task M(TReq request, IServerStreamWriter&lt;TRes&gt; responses, ServerCallContext context)</c></item>
/// <item>client streaming: <c>Task&lt;TRes&gt; M(IAsyncStreamReader&lt;TReq&gt; requests, ServerCallContext context)</c></item>
/// <item>bidi: <c>Task M(IAsyncStreamReader&lt;TReq&gt; requests, IServerStreamWriter&lt;TRes&gt; responses, ServerCallContext context)</c></item>
/// </list>
/// A missing or mistyped method fails <c>MapGrpcService</c> with a message naming the expected signature. An instance is
/// resolved per call from the request's DI scope (or constructed with its constructor dependencies when the type is not
/// registered, and disposed after the call).
/// </summary>
public interface IGrpcService
{
    /// <summary>The service's descriptor, e.g. <c>EchoService.Descriptor</c> from the generated reflection class.</summary>
    static abstract ServiceDescriptor Descriptor { get; }
}
