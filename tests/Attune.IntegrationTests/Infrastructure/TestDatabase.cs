using System.Globalization;
using Npgsql;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for one test on the server named by <c>ATTUNE_TEST_POSTGRES</c> (default 127.0.0.1:55432,
/// user postgres, which <c>scripts/lib/servers.sh</c> starts), with one schema per service (<c>feedback</c>,
/// <c>trainer</c>, <c>adapter</c>): each service owns its data as in production, and no test sees another's rows.
/// Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The services' schemas, one each.</summary>
    public static readonly IReadOnlyList<string> Schemas = ["feedback", "trainer", "adapter"];

    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    private readonly string _database = $"attune_it_{Guid.NewGuid():N}";

    private TestDatabase()
    {
    }

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ATTUNE_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultConnectionString;

    /// <summary>Creates the database and its schemas; skips (locally) or fails (CI) when the server is missing.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        string? unavailable = null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database._database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            unavailable = e.Message;
        }

        Requires.That(unavailable is null,
            $"PostgreSQL at ATTUNE_TEST_POSTGRES ({AdminConnectionString}): {unavailable} (scripts/lib/servers.sh start_postgres)");
        foreach (var schema in Schemas)
        {
            await database.ExecuteAsync($"CREATE SCHEMA {schema}");
        }

        return database;
    }

    /// <summary>The Npgsql connection string a service uses: this database, search path <paramref name="schema"/>.</summary>
    public string ConnectionString(string schema) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database, SearchPath = schema }.ConnectionString;

    /// <summary>A count (or any integer) from <paramref name="sql"/> in <paramref name="schema"/>.</summary>
    public async Task<long> CountAsync(string schema, string sql, params (string Name, object Value)[] parameters)
    {
        var value = await QueryAsync(schema, sql, parameters, static r => r.GetValue(0));
        return value.Count == 0 || value[0] is DBNull ? 0 : Convert.ToInt64(value[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row of <paramref name="sql"/> in <paramref name="schema"/>, as strings.</summary>
    public Task<List<string>> StringsAsync(string schema, string sql, params (string Name, object Value)[] parameters) =>
        QueryAsync(schema, sql, parameters, static r => Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("public"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<T>> QueryAsync<T>(
        string schema, string sql, (string Name, object Value)[] parameters, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(schema));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
