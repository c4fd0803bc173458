namespace Attune.Storage.Internal;

/// <summary>The feedback store's tables, per provider; script i is schema version i + 1 of component <c>feedback</c>.</summary>
internal static class FeedbackSchema
{
    public const string Component = "feedback";

    public static readonly string[] Postgres =
    [
        """
        CREATE TABLE comparisons (
            seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id          uuid             NOT NULL UNIQUE,
            client_id   text             NULL,
            user_id     text             NOT NULL,
            prompt      text             NOT NULL,
            response_a  text             NOT NULL,
            response_b  text             NOT NULL,
            preference  double precision NOT NULL,
            recorded_at timestamptz      NOT NULL);
        CREATE UNIQUE INDEX ux_comparisons_user_client ON comparisons (user_id, client_id) WHERE client_id IS NOT NULL;
        CREATE INDEX ix_comparisons_user_seq ON comparisons (user_id, seq);
        CREATE TABLE outbox (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            message_id    uuid        NOT NULL UNIQUE,
            message_type  text        NOT NULL,
            payload       text        NOT NULL,
            created_at    timestamptz NOT NULL,
            attempts      integer     NOT NULL DEFAULT 0,
            leased_until  timestamptz NULL,
            dispatched_at timestamptz NULL);
        CREATE INDEX ix_outbox_pending ON outbox (id) WHERE dispatched_at IS NULL;
        """,
    ];

    public static readonly string[] Sqlite =
    [
        """
        CREATE TABLE comparisons (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            id          TEXT    NOT NULL UNIQUE,
            client_id   TEXT    NULL,
            user_id     TEXT    NOT NULL,
            prompt      TEXT    NOT NULL,
            response_a  TEXT    NOT NULL,
            response_b  TEXT    NOT NULL,
            preference  REAL    NOT NULL,
            recorded_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX ux_comparisons_user_client ON comparisons (user_id, client_id) WHERE client_id IS NOT NULL;
        CREATE INDEX ix_comparisons_user_seq ON comparisons (user_id, seq);
        CREATE TABLE outbox (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id    TEXT    NOT NULL UNIQUE,
            message_type  TEXT    NOT NULL,
            payload       TEXT    NOT NULL,
            created_at    INTEGER NOT NULL,
            attempts      INTEGER NOT NULL DEFAULT 0,
            leased_until  INTEGER NULL,
            dispatched_at INTEGER NULL);
        CREATE INDEX ix_outbox_pending ON outbox (id) WHERE dispatched_at IS NULL;
        """,
    ];
}
