namespace Attune.Storage.Internal;

/// <summary>Tables of component <c>models</c>.</summary>
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
    ];
}
