using Attune.Storage;
using Attune.Testing;
using Npgsql;

[assembly: AssemblyFixture(typeof(Attune.Storage.Tests.Infrastructure.PostgresServer))]

namespace Attune.Storage.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server named by <c>ATTUNE_TEST_POSTGRES</c> (default 127.0.0.1:55432, user postgres): one database
/// per test run, created here and dropped at the end, and one schema per test inside it.
/// </summary>
public sealed class PostgresServer : IStorageBackend, IAsyncLifetime
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    private readonly string _database = $"attune_storage_test_{Guid.NewGuid():N}";
    private string? _unavailable;

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ATTUNE_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultConnectionString;

    public async ValueTask InitializeAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            _unavailable = e.Message;
        }
    }

    public async Task<StorageOptions> NewStorageAsync()
    {
        Requires.That(_unavailable is null,
            $"PostgreSQL at ATTUNE_TEST_POSTGRES ({AdminConnectionString}): {_unavailable} (scripts/lib/servers.sh start_postgres)");
        var schema = $"t_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        builder.SearchPath = schema;
        return new StorageOptions { Provider = "postgres", ConnectionString = builder.ConnectionString };
    }

    public async Task<long> ScalarAsync(StorageOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_unavailable is not null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
