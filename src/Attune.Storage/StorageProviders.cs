namespace Attune.Storage;

/// <summary>The provider names accepted by <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    /// <summary>Embedded SQLite file (WAL mode): the default for a single machine.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>PostgreSQL through Npgsql: production.</summary>
    public const string Postgres = "postgres";
}
