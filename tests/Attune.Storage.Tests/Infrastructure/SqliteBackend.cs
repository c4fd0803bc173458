using Attune.Storage;
using Microsoft.Data.Sqlite;

namespace Attune.Storage.Tests.Infrastructure;

/// <summary>SQLite files in a temporary folder owned by one test; deleted when it ends.</summary>
public sealed class SqliteBackend : IStorageBackend, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "attune-storage-tests", Guid.NewGuid().ToString("N"));

    public Task<StorageOptions> NewStorageAsync()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
        return Task.FromResult(new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={file}" });
    }

    public async Task<long> ScalarAsync(StorageOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection of a parallel test may still hold a file; the temp folder is cleaned by the OS.
        }
    }
}
