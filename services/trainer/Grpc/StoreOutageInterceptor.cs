using System.Data.Common;
using Attune.Storage;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Attune.Trainer.Grpc;

/// <summary>
/// Turns a store outage during a call into UNAVAILABLE (worth a retry) instead of an unknown error: PostgreSQL
/// unreachable, shutting down or out of resources; SQLite busy, locked, out of disk or unable to open its file; a timeout.
/// </summary>
public sealed class StoreOutageInterceptor : Interceptor
{
    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Guard(() => continuation(request, context));

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Guard(() => continuation(requestStream, context));

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Guard(async () => { await continuation(request, responseStream, context); return true; });

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Guard(async () => { await continuation(requestStream, responseStream, context); return true; });

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException e) when (StoreOutage.Is(e))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The trainer's store is unavailable; retry later."));
        }
        catch (TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The trainer's store timed out; retry later."));
        }
    }
}
