using Dapper;

namespace Attune.Storage.Internal;

/// <summary><see cref="IInbox"/> over the <c>inbox</c> table.</summary>
internal sealed class SqlInbox(Database db, TimeProvider time) : IInbox
{
    public Task InitializeAsync(CancellationToken cancellationToken = default) => InboxSql.MigrateAsync(db, cancellationToken);

    public Task<bool> TryMarkProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken = default)
    {
        var receipt = new InboxReceipt(consumer, messageId);
        receipt.Validate();
        return db.WriteAsync(
            (c, tx) => InboxSql.TryMarkAsync(db, c, tx, receipt, time.GetUtcNow(), cancellationToken), cancellationToken);
    }

    public Task<bool> IsProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken = default) =>
        db.ReadAsync(async c => await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbox WHERE consumer = @consumer AND message_id = @messageId",
            new { consumer, messageId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbox WHERE processed_at < @before", new { before = db.Time(before) }, tx,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => db.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
