using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attune.Storage;

/// <summary>
/// Tells a store outage (worth UNAVAILABLE and a retry) from a bug (INTERNAL), for every store of either provider:
/// PostgreSQL unreachable, shutting down or out of resources; SQLite busy, locked, out of disk or unable to open its file.
/// </summary>
public static class StoreOutage
{
    /// <summary>True when <paramref name="e"/> means the store cannot serve right now.</summary>
    public static bool Is(DbException e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal), // operator intervention: shutdown, cannot connect now
        NpgsqlException => true, // no server reply: network, timeout, pool exhausted
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // BUSY, LOCKED, IOERR, FULL, CANTOPEN
        _ => e.IsTransient,
    };
}
