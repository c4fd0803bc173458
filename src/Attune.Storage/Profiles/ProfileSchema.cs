namespace Attune.Storage.Internal;

/// <summary>
/// Tables of component <c>profiles</c>. Weight vectors are stored as little-endian IEEE-754 doubles in one
/// <c>bytea</c>/<c>BLOB</c> each (see <see cref="DoubleArrays"/>).
/// </summary>
internal static class ProfileSchema
{
    public const string Component = "profiles";

    public static readonly string[] Postgres =
    [
        """
        CREATE TABLE profile_answers (
            seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            comparison_id uuid             NOT NULL UNIQUE,
            user_id       text             NOT NULL,
            prompt        text             NOT NULL,
            response_a    text             NOT NULL,
            response_b    text             NOT NULL,
            preference    double precision NOT NULL,
            answered_at   timestamptz      NOT NULL);
        CREATE INDEX ix_profile_answers_user ON profile_answers (user_id, seq);
        CREATE TABLE profile_weights (
            user_id       text        NOT NULL,
            model_version bigint      NOT NULL,
            mean          bytea       NOT NULL,
            covariance    bytea       NOT NULL,
            answer_count  integer     NOT NULL,
            updated_at    timestamptz NOT NULL,
            PRIMARY KEY (user_id, model_version));
        """,
    ];

    public static readonly string[] Sqlite =
    [
        """
        CREATE TABLE profile_answers (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            comparison_id TEXT    NOT NULL UNIQUE,
            user_id       TEXT    NOT NULL,
            prompt        TEXT    NOT NULL,
            response_a    TEXT    NOT NULL,
            response_b    TEXT    NOT NULL,
            preference    REAL    NOT NULL,
            answered_at   INTEGER NOT NULL);
        CREATE INDEX ix_profile_answers_user ON profile_answers (user_id, seq);
        CREATE TABLE profile_weights (
            user_id       TEXT    NOT NULL,
            model_version INTEGER NOT NULL,
            mean          BLOB    NOT NULL,
            covariance    BLOB    NOT NULL,
            answer_count  INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL,
            PRIMARY KEY (user_id, model_version));
        """,
    ];
}
