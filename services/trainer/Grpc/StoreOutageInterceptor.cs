using System.Data.Common;
using Attune.Rpc;
using Attune.Storage;

namespace Attune.Trainer.Grpc;

/// <summary>
/// Turns a store outage during a call into UNAVAILABLE (worth a retry) instead of INTERNAL: PostgreSQL unreachable,
/// shutting down or out of resources; SQLite busy, locked, out of disk or unable to open its file; a timeout.
/// </summary>
public sealed class StoreOutageInterceptor : IServerInterceptor
{
    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (DbException e) when (StoreOutage.Is(e))
        {
            throw new RpcException(StatusCode.Unavailable, "The trainer's store is unavailable; retry later.");
        }
        catch (TimeoutException)
        {
            throw new RpcException(StatusCode.Unavailable, "The trainer's store timed out; retry later.");
        }
    }
}
