using System.Data.Common;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary><see cref="ITrainingJobStore"/> over SQLite or PostgreSQL.</summary>
internal sealed class TrainingJobStore(Database db, TimeProvider time) : ITrainingJobStore
{
    private const string Columns =
        "job_id, state, progress, phase, reason, model_version, error, validation_loss, parameters, created_at, updated_at, started_at, finished_at";

    private const string Unfinished = "('queued', 'running')";

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        db.MigrateAsync(TrainingJobSchema.Component, db.IsPostgres ? TrainingJobSchema.Postgres : TrainingJobSchema.Sqlite, cancellationToken);

    public async Task<TrainingJob> CreateAsync(TrainingJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        try
        {
            var created = await db.WriteAsync((c, tx) => QueryOneAsync(c, tx,
                $"""
                INSERT INTO training_jobs ({Columns})
                VALUES (@jobId, @state, @progress, @phase, @reason, @modelVersion, @error, @validationLoss, @parameters, @createdAt,
                        @now, @startedAt, @finishedAt)
                RETURNING {Columns}
                """, Args(job), cancellationToken), cancellationToken).ConfigureAwait(false);
            return created!;
        }
        catch (Exception e) when (db.IsUniqueViolation(e))
        {
            throw new InvalidOperationException($"Training job '{job.JobId}' already exists.", e);
        }
    }

    public Task<TrainingJob?> UpdateAsync(TrainingJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        return db.WriteAsync((c, tx) => QueryOneAsync(c, tx,
            $"""
            UPDATE training_jobs SET state = @state, progress = @progress, phase = @phase, reason = @reason,
                model_version = @modelVersion, error = @error, validation_loss = @validationLoss, parameters = @parameters,
                updated_at = @now, started_at = COALESCE(started_at, @startedAt), finished_at = COALESCE(finished_at, @finishedAt)
            WHERE job_id = @jobId AND state IN {Unfinished}
            RETURNING {Columns}
            """, Args(job), cancellationToken), cancellationToken);
    }

    public Task<TrainingJob?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return db.ReadAsync(c => QueryOneAsync(
            c, null, $"SELECT {Columns} FROM training_jobs WHERE job_id = @jobId", new { jobId }, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<TrainingJob>> ListAsync(
        int limit = 50, TrainingJobState? state = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var filter = state is null ? "" : "WHERE state = @state";
        var sql = $"SELECT {Columns} FROM training_jobs {filter} ORDER BY created_at DESC, job_id DESC LIMIT @limit";
        return db.ReadAsync(c => QueryAsync(c, null, sql, new { limit, state = state is { } s ? Name(s) : null }, cancellationToken), cancellationToken);
    }

    public Task<int> FailInterruptedAsync(string error, TimeSpan? notUpdatedFor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var now = time.GetUtcNow();
        var staleBefore = now - (notUpdatedFor ?? TimeSpan.Zero);
        var filter = notUpdatedFor is null ? "" : "AND updated_at <= @staleBefore";
        return db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE training_jobs SET state = 'failed', error = @error, updated_at = @now, finished_at = @now
            WHERE state IN {Unfinished} {filter}
            """, new { error, now = db.Time(now), staleBefore = db.Time(staleBefore) }, tx, cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken = default) => db.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    private object Args(TrainingJob job)
    {
        var now = time.GetUtcNow();
        return new
        {
            jobId = job.JobId,
            state = Name(job.State),
            progress = job.Progress,
            phase = job.Phase,
            reason = job.Reason,
            modelVersion = job.ModelVersion,
            error = job.Error,
            validationLoss = job.ValidationLoss,
            parameters = job.ParametersJson,
            createdAt = db.Time(job.CreatedAt),
            now = db.Time(now),
            startedAt = db.NullableTime(job.StartedAt ?? (job.State == TrainingJobState.Running ? now : null)),
            finishedAt = db.NullableTime(job.FinishedAt ?? (job.IsTerminal ? now : null)),
        };
    }

    private static string Name(TrainingJobState state) => state.ToString().ToLowerInvariant();

    private async Task<TrainingJob?> QueryOneAsync(
        DbConnection c, DbTransaction? tx, string sql, object args, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(c, tx, sql, args, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<TrainingJob>> QueryAsync(
        DbConnection c, DbTransaction? tx, string sql, object args, CancellationToken cancellationToken)
    {
        var list = new List<TrainingJob>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(sql, args, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new TrainingJob(
                r.GetString(0), Enum.Parse<TrainingJobState>(r.GetString(1), ignoreCase: true), r.GetDouble(2), r.GetString(3),
                r.GetString(4), db.ReadTime(r, 9))
            {
                ModelVersion = r.IsDBNull(5) ? null : r.GetInt64(5),
                Error = Database.ReadNullableString(r, 6),
                ValidationLoss = r.IsDBNull(7) ? null : r.GetDouble(7),
                ParametersJson = Database.ReadNullableString(r, 8),
                UpdatedAt = db.ReadTime(r, 10),
                StartedAt = db.ReadNullableTime(r, 11),
                FinishedAt = db.ReadNullableTime(r, 12),
            });
        }

        return list;
    }
}
