using System.Data.Common;

namespace Attune.Storage.Internal;

/// <summary>
/// One database behind a store: opens connections, runs write transactions, and hides the few places where SQLite and
/// PostgreSQL differ (timestamp representation, unique-violation codes, row locking, migration locking).
/// </summary>
internal abstract class Database : IAsyncDisposable
{
    /// <summary>True for PostgreSQL.</summary>
    public abstract bool IsPostgres { get; }

    /// <summary><c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; empty on SQLite, where a write transaction locks the file.</summary>
    public string SkipLocked => IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// SQL testing <paramref name="column"/> against the list parameter <paramref name="parameter"/>: <c>= ANY(@p)</c>
    /// with a PostgreSQL array, <c>IN @p</c> (which Dapper expands) on SQLite.
    /// </summary>
    public string InList(string column, string parameter) => IsPostgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>Opens a connection ready for use.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it; any exception rolls everything back.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var gate = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on an open connection, without a transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    /// <summary>Opens a connection and runs <c>SELECT 1</c>: throws when the database cannot serve.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings one component's schema up to date: <paramref name="scripts"/>[i] is version i + 1. Safe to run concurrently
    /// from several processes: each provider serializes migrations (advisory lock, or SQLite's write lock).
    /// </summary>
    public abstract Task MigrateAsync(string component, IReadOnlyList<string> scripts, CancellationToken cancellationToken);

    /// <summary>A timestamp as stored: <c>timestamptz</c> on PostgreSQL, microseconds since the Unix epoch on SQLite.</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>Reads a timestamp written through <see cref="Time"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Begins a write transaction on <paramref name="connection"/>.</summary>
    protected virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Waits for this process's turn to write (SQLite: one writer per file); nothing on PostgreSQL.</summary>
    protected virtual ValueTask<IAsyncDisposable> EnterWriteAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IAsyncDisposable>(NoGate.Instance);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Reads a nullable string column.</summary>
    public static string? ReadNullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads a nullable timestamp column.</summary>
    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>A timestamp parameter that may be null.</summary>
    public object? NullableTime(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    private sealed class NoGate : IAsyncDisposable
    {
        public static readonly NoGate Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
