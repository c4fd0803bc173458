using System.Data.Common;
using Attune.Rpc;
using Microsoft.Data.Sqlite;
using Npgsql;

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
        catch (DbException e) when (IsOutage(e))
        {
            throw new RpcException(StatusCode.Unavailable, "The trainer's store is unavailable; retry later.");
        }
        catch (TimeoutException)
        {
            throw new RpcException(StatusCode.Unavailable, "The trainer's store timed out; retry later.");
        }
    }

    private static bool IsOutage(DbException e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal), // shutdown, cannot connect now
        NpgsqlException => true, // no server reply: network, timeout, pool exhausted
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // BUSY, LOCKED, IOERR, FULL, CANTOPEN
        _ => e.IsTransient,
    };
}
