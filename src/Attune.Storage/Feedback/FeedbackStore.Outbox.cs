using System.Data.Common;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary>The transactional outbox of <see cref="FeedbackStore"/>.</summary>
internal sealed partial class FeedbackStore
{
    public async Task<IReadOnlyList<OutboxMessage>> LeaseOutboxAsync(
        int max, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var until = now + leaseDuration;

        // PostgreSQL: SKIP LOCKED lets two dispatchers lease disjoint rows at once; SQLite: the write lock serializes them,
        // and the lease column keeps a second process from taking rows already leased.
        var sql = $"""
            UPDATE outbox SET leased_until = @until, attempts = attempts + 1
            WHERE id IN (SELECT id FROM outbox
                         WHERE dispatched_at IS NULL AND (leased_until IS NULL OR leased_until <= @now)
                         ORDER BY id LIMIT @max {db.SkipLocked})
            RETURNING id, message_id, message_type, payload, created_at, attempts, leased_until
            """;
        var leased = await db.WriteAsync(async (c, tx) =>
        {
            var list = new List<OutboxMessage>();
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                sql, new { until = db.Time(until), now = db.Time(now), max }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new OutboxMessage(
                    r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), db.ReadTime(r, 4), r.GetInt32(5), db.ReadTime(r, 6)));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        leased.Sort((a, b) => a.Id.CompareTo(b.Id));
        return leased;
    }

    public Task<int> MarkDispatchedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.FromResult(0);
        }

        var now = db.Time(time.GetUtcNow());
        return db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET dispatched_at = @now, leased_until = NULL WHERE {db.InList("id", "ids")} AND dispatched_at IS NULL",
            new { now, ids = ids.ToArray() }, tx, cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task<int> PurgeDispatchedAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < @before",
            new { before = db.Time(before) }, tx, cancellationToken: cancellationToken)), cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => db.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    private Task EnqueueAsync(DbConnection c, DbTransaction tx, OutboxEntry entry, CancellationToken cancellationToken) =>
        c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox (message_id, message_type, payload, created_at)
            VALUES (@messageId, @messageType, @payload, @createdAt)
            """,
            new { messageId = entry.MessageId, messageType = entry.MessageType, payload = entry.PayloadJson, createdAt = db.Time(time.GetUtcNow()) },
            tx, cancellationToken: cancellationToken));
}
