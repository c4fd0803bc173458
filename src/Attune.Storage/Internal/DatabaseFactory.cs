namespace Attune.Storage.Internal;

/// <summary>Creates the <see cref="Database"/> that <see cref="StorageOptions"/> describe.</summary>
internal static class DatabaseFactory
{
    public static Database Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ResolveProvider() == StorageProviders.Postgres
            ? new PostgresDatabase(options.ConnectionString)
            : new SqliteDatabase(options.ConnectionString, options.BusyTimeout);
    }
}
