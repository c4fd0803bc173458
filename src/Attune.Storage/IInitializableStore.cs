namespace Attune.Storage;

/// <summary>A store whose schema is created or migrated at start-up.</summary>
public interface IInitializableStore : IAsyncDisposable
{
    /// <summary>
    /// Creates or migrates this store's tables to the version this build expects. Idempotent, and safe to call
    /// concurrently from several processes sharing one database.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reaches the database with a trivial query; throws when it cannot serve (health checks call this).</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
