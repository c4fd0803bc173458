namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// Reads what each service holds, straight from its schema: the feedback service's comparisons and outbox, the
/// trainer's copy, jobs and models, the adapter's answers and weights. The tests check the services' own records, not
/// only what their APIs say.
/// </summary>
public sealed class Stores(TestDatabase database)
{
    public Task<List<string>> FeedbackIdsAsync() => database.StringsAsync("feedback", "SELECT id::text FROM comparisons");

    public Task<List<string>> TrainerCopyIdsAsync() => database.StringsAsync("trainer", "SELECT id::text FROM training_comparisons");

    public Task<List<string>> AdapterAnswerIdsAsync() => database.StringsAsync("adapter", "SELECT comparison_id::text FROM profile_answers");

    public Task<long> FeedbackCountAsync(string user) =>
        database.CountAsync("feedback", "SELECT count(*) FROM comparisons WHERE user_id = @u", ("u", user));

    public Task<long> TrainerCopyCountAsync(string user) =>
        database.CountAsync("trainer", "SELECT count(*) FROM training_comparisons WHERE user_id = @u", ("u", user));

    public Task<long> AdapterAnswerCountAsync(string user) =>
        database.CountAsync("adapter", "SELECT count(*) FROM profile_answers WHERE user_id = @u", ("u", user));

    public Task<long> AdapterWeightCountAsync(string user) =>
        database.CountAsync("adapter", "SELECT count(*) FROM profile_weights WHERE user_id = @u", ("u", user));

    /// <summary>
    /// Stored model versions (the trainer's or the adapter's copies) whose file names <paramref name="user"/>, as is or
    /// JSON-escaped as the model file's header writes it ("long+formal" is "long\u002Bformal").
    /// </summary>
    public Task<long> ModelsMentioningAsync(string schema, string user) => database.CountAsync(schema, """
        SELECT count(*) FROM models
        WHERE position(convert_to(@u, 'UTF8') in content) > 0 OR position(convert_to(@json, 'UTF8') in content) > 0
        """, ("u", user), ("json", System.Text.Json.JsonSerializer.Serialize(user)[1..^1]));

    /// <summary>Outbox entries not yet accepted by the broker.</summary>
    public Task<long> PendingOutboxAsync() =>
        database.CountAsync("feedback", "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL");

    /// <summary>Announcements waiting in the trainer's model outbox.</summary>
    public Task<long> PendingModelOutboxAsync() =>
        database.CountAsync("trainer", "SELECT count(*) FROM model_outbox WHERE dispatched_at IS NULL");

    /// <summary>ModelPromoted announcements the trainer's model outbox ever held.</summary>
    public Task<long> ModelPromotedCountAsync() =>
        database.CountAsync("trainer", "SELECT count(*) FROM model_outbox WHERE message_type = 'ModelPromoted'");

    public Task<long> OutboxCountAsync() => database.CountAsync("feedback", "SELECT count(*) FROM outbox");

    /// <summary>Published model versions, oldest first.</summary>
    public async Task<List<long>> ModelVersionsAsync() =>
        (await database.StringsAsync("trainer", "SELECT version FROM models ORDER BY version")).Select(long.Parse).ToList();

    /// <summary>Every training job as (state, reason), oldest first.</summary>
    public async Task<List<(string State, string Reason)>> JobsAsync() =>
        (await database.StringsAsync("trainer", "SELECT state || '|' || reason FROM training_jobs ORDER BY created_at"))
        .Select(s => s.Split('|', 2)).Select(p => (p[0], p[1])).ToList();

    /// <summary>Trainer-copy comparisons above the newest model's watermark (all of them with no model).</summary>
    public Task<long> NewSinceLatestModelAsync() => database.CountAsync("trainer", """
        SELECT count(*) FROM training_comparisons
        WHERE seq > COALESCE((SELECT (metadata::json ->> 'watermark')::bigint FROM models ORDER BY version DESC LIMIT 1), 0)
        """);
}
