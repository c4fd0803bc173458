using Attune.Storage;

namespace Attune.Storage.Tests.Infrastructure;

/// <summary>Hands each test fresh, empty storage on one provider.</summary>
public interface IStorageBackend
{
    /// <summary>Options for a new, empty database (SQLite: a new file; PostgreSQL: a new schema), skipping when unavailable.</summary>
    Task<StorageOptions> NewStorageAsync();

    /// <summary>Runs a scalar query against the storage behind <paramref name="options"/>.</summary>
    Task<long> ScalarAsync(StorageOptions options, string sql);
}
