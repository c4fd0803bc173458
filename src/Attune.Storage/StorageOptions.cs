namespace Attune.Storage;

/// <summary>
/// Where one service's store lives: bound from a configuration section such as <c>Storage:Feedback</c>
/// (environment variables <c>Storage__Feedback__Provider</c>, <c>Storage__Feedback__ConnectionString</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>
    /// <c>sqlite</c> (embedded default) or <c>postgres</c>. When empty, inferred from the connection string:
    /// one naming <c>Host=</c> or <c>Server=</c> is PostgreSQL, anything else SQLite.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// An Npgsql connection string (<c>Host=...;Database=...;Username=...</c>) or a Microsoft.Data.Sqlite one
    /// (<c>Data Source=data/feedback.db</c>). Required.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>SQLite only: how long a writer waits for another process's write lock before failing. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The provider that will be used: <see cref="Provider"/>, or the one the connection string implies.</summary>
    /// <exception cref="ArgumentException">The connection string is empty or the provider is unknown.</exception>
    public string ResolveProvider()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("Storage ConnectionString is required.", nameof(ConnectionString));
        }

        var provider = Provider?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(provider))
        {
            var cs = ConnectionString.ToLowerInvariant();
            return cs.Contains("host=", StringComparison.Ordinal) || cs.Contains("server=", StringComparison.Ordinal)
                ? StorageProviders.Postgres
                : StorageProviders.Sqlite;
        }

        return provider switch
        {
            StorageProviders.Sqlite => StorageProviders.Sqlite,
            StorageProviders.Postgres or "postgresql" or "npgsql" => StorageProviders.Postgres,
            _ => throw new ArgumentException($"Unknown storage provider '{Provider}': use 'sqlite' or 'postgres'.", nameof(Provider)),
        };
    }
}
