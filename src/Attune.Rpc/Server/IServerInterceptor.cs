namespace Attune.Rpc;

/// <summary>
/// The one place every server call passes through, for logging, authentication, metrics. Interceptors are created once
/// (singletons, with constructor dependencies from the root provider) and run in the order they were added: the first
/// added is outermost. <c>next</c> reads the request, runs the handler and writes the response; an interceptor may
/// throw an <see cref="RpcException"/> instead of calling it (e.g. UNAUTHENTICATED), observe the exception the handler
/// threw, or read <see cref="ServerCallContext.Status"/> after it. Per-call dependencies come from
/// <c>context.HttpContext.RequestServices</c>.
/// </summary>
public interface IServerInterceptor
{
    /// <summary>Handles one call; call <paramref name="next"/> once to continue to the handler.</summary>
    Task InvokeAsync(ServerCallContext context, Func<Task> next);
}
