using System.Data.Common;
using Dapper;
using Npgsql;

namespace Attune.Storage.Internal;

/// <summary>PostgreSQL through one <see cref="NpgsqlDataSource"/> (pooled).</summary>
internal sealed class PostgresDatabase(string connectionString) : Database
{
    // Any constant shared by every Attune process: serializes schema migrations across processes.
    private const long MigrationLockKey = 0x41_74_74_75_6E_65; // "Attune"

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override bool IsPostgres => true;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task MigrateAsync(string component, IReadOnlyList<string> scripts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                component  text        NOT NULL,
                version    integer     NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version))
            """, transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await Migrations.ApplyPendingAsync(connection, tx, component, scripts, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override object Time(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
