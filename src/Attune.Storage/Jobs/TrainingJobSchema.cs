namespace Attune.Storage.Internal;

/// <summary>Tables of component <c>training_jobs</c>.</summary>
internal static class TrainingJobSchema
{
    public const string Component = "training_jobs";

    public static readonly string[] Postgres =
    [
        """
        CREATE TABLE training_jobs (
            job_id          text             PRIMARY KEY,
            state           text             NOT NULL,
            progress        double precision NOT NULL,
            phase           text             NOT NULL,
            reason          text             NOT NULL,
            model_version   bigint           NULL,
            error           text             NULL,
            validation_loss double precision NULL,
            parameters      text             NULL,
            created_at      timestamptz      NOT NULL,
            updated_at      timestamptz      NOT NULL,
            started_at      timestamptz      NULL,
            finished_at     timestamptz      NULL);
        CREATE INDEX ix_training_jobs_created ON training_jobs (created_at DESC, job_id DESC);
        """,
    ];

    public static readonly string[] Sqlite =
    [
        """
        CREATE TABLE training_jobs (
            job_id          TEXT    PRIMARY KEY,
            state           TEXT    NOT NULL,
            progress        REAL    NOT NULL,
            phase           TEXT    NOT NULL,
            reason          TEXT    NOT NULL,
            model_version   INTEGER NULL,
            error           TEXT    NULL,
            validation_loss REAL    NULL,
            parameters      TEXT    NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            started_at      INTEGER NULL,
            finished_at     INTEGER NULL);
        CREATE INDEX ix_training_jobs_created ON training_jobs (created_at DESC, job_id DESC);
        """,
    ];
}
