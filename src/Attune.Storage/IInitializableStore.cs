namespace Attune.Storage;

/// <summary>A store whose schema is created or migrated at start-up.</summary>
public interface IInitializableStore : IAsyncDisposable
{
    /// <summary>
    /// Creates or migrates this store's tables to the version this build expects. Idempotent, and safe to call
    /// concurrently from several processes sharing one database.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
