using System.Data.Common;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary>The <c>inbox</c> table, shared by every store that accepts an <see cref="InboxReceipt"/>.</summary>
internal static class InboxSql
{
    public const string Component = "inbox";

    public static readonly string[] Postgres =
    [
        """
        CREATE TABLE inbox (
            consumer     text        NOT NULL,
            message_id   uuid        NOT NULL,
            processed_at timestamptz NOT NULL,
            PRIMARY KEY (consumer, message_id));
        CREATE INDEX ix_inbox_processed_at ON inbox (processed_at);
        """,
    ];

    public static readonly string[] Sqlite =
    [
        """
        CREATE TABLE inbox (
            consumer     TEXT    NOT NULL,
            message_id   TEXT    NOT NULL,
            processed_at INTEGER NOT NULL,
            PRIMARY KEY (consumer, message_id));
        CREATE INDEX ix_inbox_processed_at ON inbox (processed_at);
        """,
    ];

    public static Task MigrateAsync(Database db, CancellationToken cancellationToken) =>
        db.MigrateAsync(Component, db.IsPostgres ? Postgres : Sqlite, cancellationToken);

    /// <summary>
    /// Inserts the receipt inside <paramref name="tx"/>; false when it was already there. On PostgreSQL a concurrent
    /// transaction inserting the same receipt blocks this one until it ends, so exactly one of them sees true.
    /// </summary>
    public static async Task<bool> TryMarkAsync(
        Database db, DbConnection c, DbTransaction tx, InboxReceipt? receipt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (receipt is null)
        {
            return true;
        }

        var inserted = await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id, processed_at) VALUES (@consumer, @messageId, @now) ON CONFLICT DO NOTHING",
            new { consumer = receipt.Consumer, messageId = receipt.MessageId, now = db.Time(now) }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }
}
