using System.Data.Common;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary><see cref="IFeedbackStore"/> over SQLite or PostgreSQL; the outbox half is in FeedbackStore.Outbox.cs.</summary>
internal sealed partial class FeedbackStore(Database db, TimeProvider time) : IFeedbackStore
{
    private const string Columns = "seq, id, client_id, user_id, prompt, response_a, response_b, preference, recorded_at";

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        db.MigrateAsync(FeedbackSchema.Component, db.IsPostgres ? FeedbackSchema.Postgres : FeedbackSchema.Sqlite, cancellationToken);

    public Task<RecordResult> RecordAsync(NewComparison comparison, OutboxEntry outbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(outbox);
        comparison.Validate();
        outbox.Validate();
        return db.WriteAsync((c, tx) => RecordOneAsync(c, tx, comparison, outbox, cancellationToken), cancellationToken);
    }

    public async Task<BatchRecordResult> RecordBatchAsync(
        IReadOnlyList<(NewComparison Comparison, OutboxEntry Outbox)> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var (comparison, outbox) in items)
        {
            ArgumentNullException.ThrowIfNull(comparison);
            ArgumentNullException.ThrowIfNull(outbox);
            comparison.Validate();
            outbox.Validate();
        }

        var results = await db.WriteAsync(async (c, tx) =>
        {
            var list = new List<RecordResult>(items.Count);
            foreach (var (comparison, outbox) in items)
            {
                list.Add(await RecordOneAsync(c, tx, comparison, outbox, cancellationToken).ConfigureAwait(false));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        var duplicates = results.Count(r => r.Duplicate);
        return new BatchRecordResult(results.Count - duplicates, duplicates, results);
    }

    public async Task<ComparisonPage> ListAsync(
        string? userId, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > IFeedbackStore.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException("page_size", pageSize, $"page_size must be in [1, {IFeedbackStore.MaxPageSize}].");
        }

        var before = PageToken.Decode(pageToken);
        var filter = userId is null ? "" : "user_id = @userId AND ";
        var sql = $"SELECT {Columns} FROM comparisons WHERE {filter}seq < @before ORDER BY seq DESC LIMIT @limit";
        var rows = await db.ReadAsync(c => QueryComparisonsAsync(
            c, sql, new { userId, before, limit = pageSize + 1 }, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (rows.Count <= pageSize)
        {
            return new ComparisonPage(rows, null);
        }

        rows.RemoveAt(pageSize);
        return new ComparisonPage(rows, PageToken.Encode(rows[^1].Sequence));
    }

    public async Task<StoredComparison?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var rows = await db.ReadAsync(c => QueryComparisonsAsync(
            c, $"SELECT {Columns} FROM comparisons WHERE id = @id", new { id }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<int> EraseUserAsync(string userId, OutboxEntry outbox, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(outbox);
        outbox.Validate();
        return db.WriteAsync(async (c, tx) =>
        {
            var deleted = await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM comparisons WHERE user_id = @userId", new { userId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await EnqueueAsync(c, tx, outbox, cancellationToken).ConfigureAwait(false);
            return deleted;
        }, cancellationToken);
    }

    public Task<FeedbackStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var (lo, hi) = db.IsPostgres ? ("LEAST", "GREATEST") : ("MIN", "MAX");
        var sql = $"""
            SELECT (SELECT COUNT(*) FROM comparisons),
                   (SELECT COUNT(DISTINCT user_id) FROM comparisons),
                   (SELECT COUNT(*) FROM (SELECT DISTINCT prompt, {lo}(response_a, response_b) AS lo, {hi}(response_a, response_b) AS hi
                                          FROM comparisons) pairs),
                   (SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL)
            """;
        return db.ReadAsync(async c =>
        {
            await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new FeedbackStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }, cancellationToken);
    }

    private async Task<RecordResult> RecordOneAsync(
        DbConnection c, DbTransaction tx, NewComparison comparison, OutboxEntry outbox, CancellationToken cancellationToken)
    {
        // ON CONFLICT DO NOTHING (no target) covers both the id and the partial (user_id, client_id) index; on PostgreSQL a
        // concurrent insert of the same key waits for the other transaction and then does nothing.
        var args = new
        {
            id = comparison.Id,
            clientId = comparison.ClientId,
            userId = comparison.UserId,
            prompt = comparison.Prompt,
            responseA = comparison.ResponseA,
            responseB = comparison.ResponseB,
            preference = comparison.Preference,
            recordedAt = db.Time(comparison.RecordedAt),
        };
        var seq = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO comparisons (id, client_id, user_id, prompt, response_a, response_b, preference, recorded_at)
            VALUES (@id, @clientId, @userId, @prompt, @responseA, @responseB, @preference, @recordedAt)
            ON CONFLICT DO NOTHING RETURNING seq
            """, args, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (seq is not null)
        {
            await EnqueueAsync(c, tx, outbox, cancellationToken).ConfigureAwait(false);
            return new RecordResult(comparison.Id, Duplicate: false);
        }

        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id FROM comparisons WHERE id = @id OR (user_id = @userId AND client_id = @clientId) ORDER BY seq LIMIT 1",
            new { id = comparison.Id, userId = comparison.UserId, clientId = comparison.ClientId }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Insert conflicted but no conflicting comparison was found.");
        }

        return new RecordResult(r.GetGuid(0), Duplicate: true);
    }

    private async Task<List<StoredComparison>> QueryComparisonsAsync(
        DbConnection c, string sql, object args, CancellationToken cancellationToken)
    {
        var list = new List<StoredComparison>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new StoredComparison(
                r.GetGuid(1), Database.ReadNullableString(r, 2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetDouble(7), db.ReadTime(r, 8), r.GetInt64(0)));
        }

        return list;
    }
}
