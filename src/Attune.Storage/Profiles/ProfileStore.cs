using Dapper;

namespace Attune.Storage.Internal;

/// <summary><see cref="IProfileStore"/> over SQLite or PostgreSQL.</summary>
internal sealed class ProfileStore(Database db, TimeProvider time) : IProfileStore
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await db.MigrateAsync(ProfileSchema.Component, db.IsPostgres ? ProfileSchema.Postgres : ProfileSchema.Sqlite, cancellationToken)
            .ConfigureAwait(false);
        await InboxSql.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> AddAnswerAsync(ProfileAnswer answer, InboxReceipt? receipt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        answer.Validate();
        receipt?.Validate();
        return db.WriteAsync(async (c, tx) =>
        {
            if (!await InboxSql.TryMarkAsync(db, c, tx, receipt, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var inserted = await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO profile_answers (comparison_id, user_id, prompt, response_a, response_b, preference, answered_at)
                VALUES (@comparisonId, @userId, @prompt, @responseA, @responseB, @preference, @answeredAt)
                ON CONFLICT (comparison_id) DO NOTHING
                """,
                new
                {
                    comparisonId = answer.ComparisonId,
                    userId = answer.UserId,
                    prompt = answer.Prompt,
                    responseA = answer.ResponseA,
                    responseB = answer.ResponseB,
                    preference = answer.Preference,
                    answeredAt = db.Time(answer.AnsweredAt),
                }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return inserted == 1;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ProfileAnswer>> GetAnswersAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return db.ReadAsync<IReadOnlyList<ProfileAnswer>>(async c =>
        {
            var list = new List<ProfileAnswer>();
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                """
                SELECT comparison_id, user_id, prompt, response_a, response_b, preference, answered_at
                FROM profile_answers WHERE user_id = @userId ORDER BY seq
                """, new { userId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new ProfileAnswer(
                    r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDouble(5), db.ReadTime(r, 6)));
            }

            return list;
        }, cancellationToken);
    }

    public Task SaveWeightsAsync(UserWeights weights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate();
        return db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO profile_weights (user_id, model_version, mean, covariance, answer_count, updated_at)
            VALUES (@userId, @modelVersion, @mean, @covariance, @answerCount, @updatedAt)
            ON CONFLICT (user_id, model_version) DO UPDATE SET mean = excluded.mean, covariance = excluded.covariance,
                answer_count = excluded.answer_count, updated_at = excluded.updated_at
            """,
            new
            {
                userId = weights.UserId,
                modelVersion = weights.ModelVersion,
                mean = DoubleArrays.ToBytes(weights.Mean),
                covariance = DoubleArrays.ToBytes(weights.Covariance),
                answerCount = weights.AnswerCount,
                updatedAt = db.Time(weights.UpdatedAt),
            }, tx, cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task<UserWeights?> GetWeightsAsync(string userId, long modelVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return db.ReadAsync(async c =>
        {
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                """
                SELECT mean, covariance, answer_count, updated_at FROM profile_weights
                WHERE user_id = @userId AND model_version = @modelVersion
                """, new { userId, modelVersion }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new UserWeights(
                userId, modelVersion, DoubleArrays.FromBytes((byte[])r.GetValue(0)), DoubleArrays.FromBytes((byte[])r.GetValue(1)),
                r.GetInt32(2), db.ReadTime(r, 3));
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
                "DELETE FROM profile_weights WHERE user_id = @userId", new { userId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM profile_answers WHERE user_id = @userId", new { userId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListUsersAsync(
        int limit = 100, string? afterUserId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = afterUserId ?? "";
        return db.ReadAsync<IReadOnlyList<string>>(async c => (await c.QueryAsync<string>(new CommandDefinition(
            """
            SELECT user_id FROM (SELECT user_id FROM profile_answers UNION SELECT user_id FROM profile_weights) u
            WHERE user_id > @after ORDER BY user_id LIMIT @limit
            """, new { after, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList(), cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken = default) => db.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
