using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Attune.Storage.Internal;

/// <summary>
/// A SQLite file in WAL mode. Writers are serialized twice: within this process by a gate per file (so writers queue
/// instead of spinning on SQLITE_BUSY), and across processes by <c>BEGIN IMMEDIATE</c> plus the busy timeout, which
/// takes the write lock before anything is read and so can never fail halfway with a stale snapshot.
/// </summary>
internal sealed class SqliteDatabase : Database
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly SemaphoreSlim _writeGate;
    private int _walEnabled;

    public SqliteDatabase(string connectionString, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("SQLite storage needs a file: set 'Data Source=<path>'.", nameof(connectionString));
        }

        var path = Path.GetFullPath(builder.DataSource);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        builder.DataSource = path;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds));
        builder.Pooling = true;
        _connectionString = builder.ToString();
        _busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 1, int.MaxValue);
        _writeGate = WriteGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
    }

    public override bool IsPostgres => false;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _walEnabled) == 0)
            {
                // Persistent in the file; needs no transaction open, so it runs before any BEGIN.
                await connection.ExecuteAsync(new CommandDefinition(
                    $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
                Volatile.Write(ref _walEnabled, 1);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task MigrateAsync(string component, IReadOnlyList<string> scripts, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_version (
                    component  TEXT    NOT NULL,
                    version    INTEGER NOT NULL,
                    applied_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    PRIMARY KEY (component, version))
                """, transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await Migrations.ApplyPendingAsync(connection, tx, component, scripts, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override object Time(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + reader.GetInt64(ordinal) * 10, TimeSpan.Zero);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    // BEGIN IMMEDIATE is where a writer waits (up to the busy timeout) for another process's lock, and
    // Microsoft.Data.Sqlite's async methods run synchronously: wait on the thread pool, not on the caller's thread.
    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await Task.Run(() => (DbTransaction)((SqliteConnection)connection).BeginTransaction(deferred: false), cancellationToken)
            .ConfigureAwait(false);

    protected override async ValueTask<IAsyncDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_writeGate);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
