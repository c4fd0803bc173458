namespace Attune.Storage.Internal;

/// <summary>
/// Tables of component <c>models</c>: the immutable versions (1), then the registry (2): each version's state, the
/// history of promotions (what a rollback walks back), the pin, and the outbox of promotion announcements.
/// </summary>
internal static class ModelSchema
{
    public const string Component = "models";

    public static readonly string[] Postgres =
    [
        """
        CREATE TABLE models (
            version      bigint      PRIMARY KEY CHECK (version > 0),
            published_at timestamptz NOT NULL,
            metadata     text        NOT NULL,
            size_bytes   bigint      NOT NULL,
            sha256       text        NOT NULL,
            content      bytea       NOT NULL);
        """,
        """
        CREATE TABLE model_states (
            version    bigint      PRIMARY KEY REFERENCES models (version),
            state      text        NOT NULL,
            reason     text        NOT NULL,
            gate       text        NULL,
            forced     boolean     NOT NULL DEFAULT false,
            changed_at timestamptz NOT NULL);
        CREATE TABLE model_promotions (
            promotion   bigint      PRIMARY KEY,
            version     bigint      NOT NULL REFERENCES models (version),
            previous    bigint      NULL,
            kind        text        NOT NULL,
            reason      text        NOT NULL,
            rolled_back boolean     NOT NULL DEFAULT false,
            at          timestamptz NOT NULL);
        CREATE TABLE model_registry (
            id         integer PRIMARY KEY CHECK (id = 1),
            pinned     boolean NOT NULL,
            pin_reason text    NOT NULL);
        INSERT INTO model_registry (id, pinned, pin_reason) VALUES (1, false, '');
        CREATE TABLE model_outbox (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            message_id    uuid        NOT NULL UNIQUE,
            message_type  text        NOT NULL,
            payload       text        NOT NULL,
            created_at    timestamptz NOT NULL,
            dispatched_at timestamptz NULL);
        CREATE INDEX ix_model_outbox_pending ON model_outbox (id) WHERE dispatched_at IS NULL;
        -- Before the registry, the latest version was the one in force.
        INSERT INTO model_states (version, state, reason, changed_at)
            SELECT version, CASE WHEN version = (SELECT MAX(version) FROM models) THEN 'active' ELSE 'retired' END,
                   'in force before the model registry', published_at FROM models;
        INSERT INTO model_promotions (promotion, version, previous, kind, reason, at)
            SELECT 1, version, NULL, 'promote', 'in force before the model registry', published_at
            FROM models WHERE version = (SELECT MAX(version) FROM models);
        """,
    ];

    public static readonly string[] Sqlite =
    [
        """
        CREATE TABLE models (
            version      INTEGER PRIMARY KEY CHECK (version > 0),
            published_at INTEGER NOT NULL,
            metadata     TEXT    NOT NULL,
            size_bytes   INTEGER NOT NULL,
            sha256       TEXT    NOT NULL,
            content      BLOB    NOT NULL);
        """,
        """
        CREATE TABLE model_states (
            version    INTEGER PRIMARY KEY REFERENCES models (version),
            state      TEXT    NOT NULL,
            reason     TEXT    NOT NULL,
            gate       TEXT    NULL,
            forced     INTEGER NOT NULL DEFAULT 0,
            changed_at INTEGER NOT NULL);
        CREATE TABLE model_promotions (
            promotion   INTEGER PRIMARY KEY,
            version     INTEGER NOT NULL REFERENCES models (version),
            previous    INTEGER NULL,
            kind        TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            rolled_back INTEGER NOT NULL DEFAULT 0,
            at          INTEGER NOT NULL);
        CREATE TABLE model_registry (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            pinned     INTEGER NOT NULL,
            pin_reason TEXT    NOT NULL);
        INSERT INTO model_registry (id, pinned, pin_reason) VALUES (1, 0, '');
        CREATE TABLE model_outbox (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id    TEXT    NOT NULL UNIQUE,
            message_type  TEXT    NOT NULL,
            payload       TEXT    NOT NULL,
            created_at    INTEGER NOT NULL,
            dispatched_at INTEGER NULL);
        CREATE INDEX ix_model_outbox_pending ON model_outbox (id) WHERE dispatched_at IS NULL;
        INSERT INTO model_states (version, state, reason, changed_at)
            SELECT version, CASE WHEN version = (SELECT MAX(version) FROM models) THEN 'active' ELSE 'retired' END,
                   'in force before the model registry', published_at FROM models;
        INSERT INTO model_promotions (promotion, version, previous, kind, reason, at)
            SELECT 1, version, NULL, 'promote', 'in force before the model registry', published_at
            FROM models WHERE version = (SELECT MAX(version) FROM models);
        """,
    ];
}
