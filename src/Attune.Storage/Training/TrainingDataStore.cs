using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary><see cref="ITrainingDataStore"/> over SQLite or PostgreSQL.</summary>
internal sealed class TrainingDataStore(Database db, TimeProvider time) : ITrainingDataStore
{
    private const string UpsertSql = """
        INSERT INTO training_comparisons (id, user_id, prompt, response_a, response_b, preference, recorded_at)
        SELECT @id, @userId, @prompt, @responseA, @responseB, @preference, @recordedAt
        WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE user_id = @userId AND erased_at >= @recordedAt)
        ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, prompt = excluded.prompt, response_a = excluded.response_a,
            response_b = excluded.response_b, preference = excluded.preference, recorded_at = excluded.recorded_at
        """;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await db.MigrateAsync(TrainingDataSchema.Component, db.IsPostgres ? TrainingDataSchema.Postgres : TrainingDataSchema.Sqlite, cancellationToken)
            .ConfigureAwait(false);
        await InboxSql.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> UpsertAsync(TrainingComparison comparison, InboxReceipt? receipt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        comparison.Validate();
        receipt?.Validate();
        return db.WriteAsync(async (c, tx) =>
        {
            if (!await InboxSql.TryMarkAsync(db, c, tx, receipt, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await c.ExecuteAsync(new CommandDefinition(UpsertSql, Args(comparison), tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<int> UpsertManyAsync(IReadOnlyList<TrainingComparison> comparisons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        foreach (var comparison in comparisons)
        {
            ArgumentNullException.ThrowIfNull(comparison);
            comparison.Validate();
        }

        return db.WriteAsync(async (c, tx) =>
        {
            foreach (var comparison in comparisons)
            {
                await c.ExecuteAsync(new CommandDefinition(UpsertSql, Args(comparison), tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            return comparisons.Count;
        }, cancellationToken);
    }

    public Task<int> EraseUserAsync(string userId, InboxReceipt? receipt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        receipt?.Validate();
        return db.WriteAsync(async (c, tx) =>
        {
            if (!await InboxSql.TryMarkAsync(db, c, tx, receipt, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO erased_users (user_id, erased_at) VALUES (@userId, @now)
                ON CONFLICT (user_id) DO UPDATE SET erased_at =
                    CASE WHEN excluded.erased_at > erased_users.erased_at THEN excluded.erased_at ELSE erased_users.erased_at END
                """, new { userId, now = db.Time(time.GetUtcNow()) }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM training_comparisons WHERE user_id = @userId", new { userId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<TrainingComparison> ReadAllAsync(
        long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT seq, id, user_id, prompt, response_a, response_b, preference, recorded_at
            FROM training_comparisons WHERE seq > @afterSequence ORDER BY seq
            """, new { afterSequence }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new TrainingComparison(
                r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetDouble(6), db.ReadTime(r, 7))
            {
                Sequence = r.GetInt64(0),
            };
        }
    }

    public Task<long> CountSinceAsync(long watermark, CancellationToken cancellationToken = default) =>
        ScalarAsync("SELECT COUNT(*) FROM training_comparisons WHERE seq > @watermark", new { watermark }, cancellationToken);

    public Task<long> GetWatermarkAsync(CancellationToken cancellationToken = default) =>
        ScalarAsync("SELECT COALESCE(MAX(seq), 0) FROM training_comparisons", null, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => db.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    private Task<long> ScalarAsync(string sql, object? args, CancellationToken cancellationToken) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)), cancellationToken);

    private object Args(TrainingComparison x) => new
    {
        id = x.Id,
        userId = x.UserId,
        prompt = x.Prompt,
        responseA = x.ResponseA,
        responseB = x.ResponseB,
        preference = x.Preference,
        recordedAt = db.Time(x.RecordedAt),
    };
}
