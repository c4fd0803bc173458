using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attune.Bench.Services;

/// <summary>
/// The peer of the feedback service's ingest: the same durable writes straight to the database, without gRPC,
/// validation or the service. One transaction per comparison: the comparison row and its outbox row, into tables shaped
/// like the feedback store's (same columns, same unique and partial indexes).
/// </summary>
internal sealed class RawWriter : IAsyncDisposable
{
    private readonly Func<DbConnection> _open;
    private readonly bool _sqlite;
    private readonly NpgsqlDataSource? _pg;

    private RawWriter(Func<DbConnection> open, bool sqlite, NpgsqlDataSource? pg)
    {
        _open = open;
        _sqlite = sqlite;
        _pg = pg;
    }

    public static async Task<RawWriter> CreateAsync(string provider, string connectionString)
    {
        RawWriter writer;
        if (provider == "sqlite")
        {
            writer = new RawWriter(() => new SqliteConnection(connectionString), sqlite: true, pg: null);
        }
        else
        {
            var source = NpgsqlDataSource.Create(connectionString);
            writer = new RawWriter(source.CreateConnection, sqlite: false, source);
        }

        await writer.ExecuteAsync(writer._sqlite ? SqliteSchema : PostgresSchema);
        return writer;
    }

    public async Task WriteAsync(long sequence, string user, string prompt, string a, string b)
    {
        await using var connection = _open();
        await connection.OpenAsync();
        if (_sqlite)
        {
            await Pragmas(connection);
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var payload = JsonSerializer.Serialize(new { id, user, prompt, a, b, preference = 1.0, now });
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO raw_comparisons (id, client_id, user_id, prompt, response_a, response_b, preference, recorded_at)
                VALUES (@id, @client, @user, @prompt, @a, @b, 1.0, @now);
                INSERT INTO raw_outbox (message_id, message_type, payload, created_at) VALUES (@mid, 'FeedbackRecorded', @payload, @now);
                """;
            Add(insert, "id", _sqlite ? id.ToString() : id);
            Add(insert, "client", "raw-" + sequence);
            Add(insert, "user", user);
            Add(insert, "prompt", prompt);
            Add(insert, "a", a);
            Add(insert, "b", b);
            Add(insert, "now", _sqlite ? now.ToUnixTimeMilliseconds() : now);
            Add(insert, "mid", _sqlite ? Guid.CreateVersion7().ToString() : Guid.CreateVersion7());
            Add(insert, "payload", payload);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task<long> CountAsync()
    {
        await using var connection = _open();
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM raw_comparisons";
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null)
        {
            await _pg.DisposeAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    // The feedback store's SQLite settings (WAL, synchronous NORMAL, a busy timeout for concurrent writers).
    private static async Task Pragmas(DbConnection connection)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = _open();
        await connection.OpenAsync();
        if (_sqlite)
        {
            await Pragmas(connection);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private const string PostgresSchema = """
        CREATE TABLE raw_comparisons (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL UNIQUE, client_id text NULL,
            user_id text NOT NULL, prompt text NOT NULL, response_a text NOT NULL, response_b text NOT NULL,
            preference double precision NOT NULL, recorded_at timestamptz NOT NULL);
        CREATE UNIQUE INDEX ux_raw_user_client ON raw_comparisons (user_id, client_id) WHERE client_id IS NOT NULL;
        CREATE INDEX ix_raw_user_seq ON raw_comparisons (user_id, seq);
        CREATE TABLE raw_outbox (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, message_id uuid NOT NULL UNIQUE, message_type text NOT NULL,
            payload text NOT NULL, created_at timestamptz NOT NULL, attempts integer NOT NULL DEFAULT 0,
            leased_until timestamptz NULL, dispatched_at timestamptz NULL);
        CREATE INDEX ix_raw_outbox_pending ON raw_outbox (id) WHERE dispatched_at IS NULL;
        """;

    private const string SqliteSchema = """
        CREATE TABLE raw_comparisons (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, client_id TEXT NULL, user_id TEXT NOT NULL,
            prompt TEXT NOT NULL, response_a TEXT NOT NULL, response_b TEXT NOT NULL, preference REAL NOT NULL,
            recorded_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX ux_raw_user_client ON raw_comparisons (user_id, client_id) WHERE client_id IS NOT NULL;
        CREATE INDEX ix_raw_user_seq ON raw_comparisons (user_id, seq);
        CREATE TABLE raw_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, message_type TEXT NOT NULL,
            payload TEXT NOT NULL, created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            leased_until INTEGER NULL, dispatched_at INTEGER NULL);
        CREATE INDEX ix_raw_outbox_pending ON raw_outbox (id) WHERE dispatched_at IS NULL;
        """;
}
