using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary><see cref="IModelStore"/> over SQLite or PostgreSQL.</summary>
internal sealed partial class ModelStore(Database db, TimeProvider time) : IModelStore
{
    private const string InfoColumns = "version, published_at, metadata, size_bytes, sha256";

    // Two PostgreSQL publishers can pick the same next version; the loser's INSERT violates the key and is retried.
    private const int AllocationAttempts = 8;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        db.MigrateAsync(ModelSchema.Component, db.IsPostgres ? ModelSchema.Postgres : ModelSchema.Sqlite, cancellationToken);

    public async Task<ModelVersionInfo> PublishAsync(
        ReadOnlyMemory<byte> content, string metadataJson, CancellationToken cancellationToken = default)
    {
        Validate(content, metadataJson);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await InsertAsync(null, content, metadataJson, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < AllocationAttempts && db.IsUniqueViolation(e))
            {
                await Task.Delay(attempt * 5, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<ModelVersionInfo> PublishAsync(
        long version, ReadOnlyMemory<byte> content, string metadataJson, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Validate(content, metadataJson);
        try
        {
            return await InsertAsync(version, content, metadataJson, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (db.IsUniqueViolation(e))
        {
            throw new ModelVersionExistsException(version, e);
        }
    }

    public Task<StoredModel?> GetAsync(long version, CancellationToken cancellationToken = default) =>
        ReadModelAsync($"SELECT {InfoColumns}, content FROM models WHERE version = @version", new { version }, cancellationToken);

    public Task<StoredModel?> GetLatestAsync(CancellationToken cancellationToken = default) =>
        ReadModelAsync($"SELECT {InfoColumns}, content FROM models ORDER BY version DESC LIMIT 1", null, cancellationToken);

    public Task<IReadOnlyList<ModelVersionInfo>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return db.ReadAsync<IReadOnlyList<ModelVersionInfo>>(async c =>
        {
            var list = new List<ModelVersionInfo>();
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT {InfoColumns} FROM models ORDER BY version DESC LIMIT @limit", new { limit },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(ReadInfo(r));
            }

            return list;
        }, cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken = default) => db.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    private Task<ModelVersionInfo> InsertAsync(
        long? version, ReadOnlyMemory<byte> content, string metadataJson, CancellationToken cancellationToken)
    {
        var bytes = content.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var publishedAt = time.GetUtcNow();
        var versionSql = version is null ? "(SELECT COALESCE(MAX(version), 0) + 1 FROM models)" : "@version";
        return db.WriteAsync(async (c, tx) =>
        {
            var allocated = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                $"""
                INSERT INTO models (version, published_at, metadata, size_bytes, sha256, content)
                VALUES ({versionSql}, @publishedAt, @metadata, @size, @sha, @bytes) RETURNING version
                """,
                new { version, publishedAt = db.Time(publishedAt), metadata = metadataJson, size = (long)bytes.Length, sha, bytes },
                tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // Every version enters the registry as a candidate; the trainer's gate (or an operator) decides the rest.
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO model_states (version, state, reason, changed_at) VALUES (@allocated, 'candidate', 'published', @publishedAt)",
                new { allocated, publishedAt = db.Time(publishedAt) }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new ModelVersionInfo(allocated, publishedAt, metadataJson, bytes.Length, sha);
        }, cancellationToken);
    }

    private Task<StoredModel?> ReadModelAsync(string sql, object? args, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var info = ReadInfo(r);
            var content = (byte[])r.GetValue(5);
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Model version {info.Version} is corrupt: its bytes do not match their SHA-256.");
            }

            return new StoredModel(info, content);
        }, cancellationToken);

    private ModelVersionInfo ReadInfo(DbDataReader r) =>
        new(r.GetInt64(0), db.ReadTime(r, 1), r.GetString(2), r.GetInt64(3), r.GetString(4));

    private static void Validate(ReadOnlyMemory<byte> content, string metadataJson)
    {
        if (content.IsEmpty)
        {
            throw new ArgumentException("Model content must not be empty.", nameof(content));
        }

        ArgumentNullException.ThrowIfNull(metadataJson);
        try
        {
            using var doc = JsonDocument.Parse(metadataJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("Model metadata must be a JSON object.", nameof(metadataJson));
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Model metadata is not valid JSON: {e.Message}", nameof(metadataJson), e);
        }
    }
}
