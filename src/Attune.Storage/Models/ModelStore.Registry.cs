using System.Data.Common;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary>The model registry of <see cref="ModelStore"/>: states, promotions, the pin and their outbox.</summary>
internal sealed partial class ModelStore
{
    private const string StateColumns = "version, state, reason, gate, forced, changed_at";

    public Task<ModelRegistrySnapshot> GetRegistryAsync(CancellationToken cancellationToken = default) =>
        db.ReadAsync(c => ReadRegistryAsync(c, null, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ModelStateRecord>> ListStatesAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return db.ReadAsync<IReadOnlyList<ModelStateRecord>>(async c =>
        {
            var list = new List<ModelStateRecord>();
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT {StateColumns} FROM model_states ORDER BY version DESC LIMIT @limit", new { limit },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(ReadState(r));
            }

            return list;
        }, cancellationToken);
    }

    public Task<ModelStateRecord?> GetStateAsync(long version, CancellationToken cancellationToken = default) =>
        db.ReadAsync(c => ReadStateAsync(c, null, version, cancellationToken), cancellationToken);

    public Task SetStateAsync(long version, ModelState state, string reason, string? gateJson, CancellationToken cancellationToken = default)
    {
        if (state is not (ModelState.Candidate or ModelState.Rejected))
        {
            throw new ArgumentException($"Only Candidate or Rejected can be set directly, not {state}.", nameof(state));
        }

        ArgumentNullException.ThrowIfNull(reason);
        return db.WriteAsync(async (c, tx) =>
        {
            var current = await ReadStateAsync(c, tx, version, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Model version {version} is not published.");
            if (current.State == ModelState.Active)
            {
                throw new InvalidOperationException($"Model version {version} is in force; promote or roll back another instead.");
            }

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE model_states SET state = @state, reason = @reason, gate = @gate, changed_at = @now WHERE version = @version",
                new { state = Name(state), reason, gate = gateJson ?? current.GateJson, now = db.Time(time.GetUtcNow()), version },
                tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<ModelActivation> ActivateAsync(
        long version, string reason, bool forced, string? gateJson, PromotionAnnouncement? announce,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return db.WriteAsync(async (c, tx) =>
        {
            var target = await ReadStateAsync(c, tx, version, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Model version {version} is not published.");
            var registry = await ReadRegistryAsync(c, tx, cancellationToken).ConfigureAwait(false);
            if (target.State == ModelState.Active)
            {
                return new ModelActivation(false, version, registry.ActiveVersion, registry.Promotions);
            }

            var promotion = registry.Promotions + 1;
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO model_promotions (promotion, version, previous, kind, reason, at) VALUES (@promotion, @version, @previous, 'promote', @reason, @now)",
                new { promotion, version, previous = registry.ActiveVersion, reason, now = db.Time(time.GetUtcNow()) },
                tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await SwitchAsync(c, tx, registry.ActiveVersion, version, reason, forced, gateJson, cancellationToken).ConfigureAwait(false);
            if (announce is not null)
            {
                await EnqueueAsync(c, tx, announce(version, registry.ActiveVersion, promotion), cancellationToken).ConfigureAwait(false);
            }
            return new ModelActivation(true, version, registry.ActiveVersion, promotion);
        }, cancellationToken);
    }

    public Task<ModelActivation> RollbackAsync(
        long? fromVersion, string reason, PromotionAnnouncement announce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(announce);
        return db.WriteAsync(async (c, tx) =>
        {
            var registry = await ReadRegistryAsync(c, tx, cancellationToken).ConfigureAwait(false);
            var unchanged = new ModelActivation(false, registry.ActiveVersion, registry.ActiveVersion, registry.Promotions);
            if (registry.ActiveVersion is not { } current || (fromVersion is { } from && from != current))
            {
                return unchanged;
            }

            // Promotions form a stack: each promotion pushes its version, each rollback pops the top (marking it rolled
            // back) and puts back the one below it. Rollback rows themselves are not on the stack.
            var stack = (await c.QueryAsync<(long Promotion, long Version)>(new CommandDefinition(
                $"""
                SELECT promotion, version FROM model_promotions
                WHERE kind = 'promote' AND rolled_back = {False} ORDER BY promotion DESC LIMIT 2
                """, transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            if (stack.Count < 2 || stack[0].Version != current)
            {
                return unchanged;
            }

            var back = stack[1].Version;
            var promotion = registry.Promotions + 1;
            var now = db.Time(time.GetUtcNow());
            await c.ExecuteAsync(new CommandDefinition(
                $"UPDATE model_promotions SET rolled_back = {True} WHERE promotion = @top",
                new { top = stack[0].Promotion }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO model_promotions (promotion, version, previous, kind, reason, at) VALUES (@promotion, @back, @current, 'rollback', @reason, @now)",
                new { promotion, back, current, reason, now }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await SwitchAsync(c, tx, current, back, reason, forced: false, gateJson: null, cancellationToken).ConfigureAwait(false);
            await EnqueueAsync(c, tx, announce(back, current, promotion), cancellationToken).ConfigureAwait(false);
            return new ModelActivation(true, back, current, promotion);
        }, cancellationToken);
    }

    public Task<ModelRegistrySnapshot> SetPinnedAsync(bool pinned, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE model_registry SET pinned = @pinned, pin_reason = @reason WHERE id = 1",
                new { pinned, reason = pinned ? reason : "" }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return await ReadRegistryAsync(c, tx, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxMessage>> PendingAnnouncementsAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return db.ReadAsync<IReadOnlyList<OutboxMessage>>(async c =>
        {
            var list = new List<OutboxMessage>();
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                "SELECT id, message_id, message_type, payload, created_at FROM model_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT @max",
                new { max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var created = db.ReadTime(r, 4);
                list.Add(new OutboxMessage(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), created, 1, created));
            }

            return list;
        }, cancellationToken);
    }

    public Task MarkAnnouncedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            $"UPDATE model_outbox SET dispatched_at = @now WHERE {db.InList("id", "ids")} AND dispatched_at IS NULL",
            new { now = db.Time(time.GetUtcNow()), ids = ids.ToArray() }, tx, cancellationToken: cancellationToken)), cancellationToken);
    }

    private string True => db.IsPostgres ? "true" : "1";

    private string False => db.IsPostgres ? "false" : "0";

    private async Task SwitchAsync(
        DbConnection c, DbTransaction tx, long? previous, long version, string reason, bool forced, string? gateJson,
        CancellationToken cancellationToken)
    {
        var now = db.Time(time.GetUtcNow());
        if (previous is { } old)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE model_states SET state = 'retired', reason = @why, changed_at = @now WHERE version = @old",
                new { why = $"replaced by version {version}", now, old }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE model_states SET state = 'active', reason = @reason, forced = @forced, gate = COALESCE(@gate, gate), changed_at = @now WHERE version = @version",
            new { reason, forced, gate = gateJson, now, version }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private Task EnqueueAsync(DbConnection c, DbTransaction tx, OutboxEntry entry, CancellationToken cancellationToken)
    {
        entry.Validate();
        return c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO model_outbox (message_id, message_type, payload, created_at) VALUES (@messageId, @messageType, @payload, @createdAt)",
            new { messageId = entry.MessageId, messageType = entry.MessageType, payload = entry.PayloadJson, createdAt = db.Time(time.GetUtcNow()) },
            tx, cancellationToken: cancellationToken));
    }

    private async Task<ModelRegistrySnapshot> ReadRegistryAsync(DbConnection c, DbTransaction? tx, CancellationToken cancellationToken)
    {
        var active = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT version FROM model_states WHERE state = 'active'", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var promotions = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(promotion) FROM model_promotions", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT pinned, pin_reason FROM model_registry WHERE id = 1", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var pinned = false;
        var pinReason = "";
        if (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pinned = r.GetBoolean(0);
            pinReason = r.GetString(1);
        }

        return new ModelRegistrySnapshot(active, pinned, pinReason, promotions ?? 0);
    }

    private async Task<ModelStateRecord?> ReadStateAsync(DbConnection c, DbTransaction? tx, long version, CancellationToken cancellationToken)
    {
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {StateColumns} FROM model_states WHERE version = @version", new { version }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadState(r) : null;
    }

    private ModelStateRecord ReadState(DbDataReader r) => new(
        r.GetInt64(0), Parse(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4), db.ReadTime(r, 5));

    private static string Name(ModelState state) => state.ToString().ToLowerInvariant();

    private static ModelState Parse(string state) => Enum.Parse<ModelState>(state, ignoreCase: true);
}
