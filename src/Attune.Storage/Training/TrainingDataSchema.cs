namespace Attune.Storage.Internal;

/// <summary>
/// Tables of component <c>training_data</c>. Version 2 adds <c>erased_users</c>: a late or redelivered FeedbackRecorded
/// must not bring back a comparison of a user erased after it was recorded.
/// </summary>
internal static class TrainingDataSchema
{
    public const string Component = "training_data";

    public static readonly string[] Postgres =
    [
        """
        CREATE TABLE training_comparisons (
            seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id          uuid             NOT NULL UNIQUE,
            user_id     text             NOT NULL,
            prompt      text             NOT NULL,
            response_a  text             NOT NULL,
            response_b  text             NOT NULL,
            preference  double precision NOT NULL,
            recorded_at timestamptz      NOT NULL);
        CREATE INDEX ix_training_comparisons_user ON training_comparisons (user_id);
        """,
        """
        CREATE TABLE erased_users (
            user_id   text        PRIMARY KEY,
            erased_at timestamptz NOT NULL);
        """,
    ];

    public static readonly string[] Sqlite =
    [
        """
        CREATE TABLE training_comparisons (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            id          TEXT    NOT NULL UNIQUE,
            user_id     TEXT    NOT NULL,
            prompt      TEXT    NOT NULL,
            response_a  TEXT    NOT NULL,
            response_b  TEXT    NOT NULL,
            preference  REAL    NOT NULL,
            recorded_at INTEGER NOT NULL);
        CREATE INDEX ix_training_comparisons_user ON training_comparisons (user_id);
        """,
        """
        CREATE TABLE erased_users (
            user_id   TEXT    PRIMARY KEY,
            erased_at INTEGER NOT NULL);
        """,
    ];
}
