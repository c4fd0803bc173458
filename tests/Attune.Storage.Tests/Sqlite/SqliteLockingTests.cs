using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Attune.Storage.Tests.Sqlite;

/// <summary>
/// SQLite across processes: another process's write lock is simulated by a raw connection holding <c>BEGIN IMMEDIATE</c>,
/// which the store's in-process gate does not know about.
/// </summary>
public sealed class SqliteLockingTests : IDisposable
{
    private readonly SqliteBackend _backend = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordAsync_while_another_process_writes_waitsThenCommits()
    {
        var options = await _backend.NewStorageAsync();
        await using var store = StorageFactory.CreateFeedbackStore(options);
        await store.InitializeAsync(Ct);
        await using var other = await HoldWriteLockAsync(options);

        // Returns a pending task: the wait for the lock happens off the caller's thread.
        var pending = store.RecordAsync(Sample.Comparison(), Sample.Outbox(), Ct);
        await Task.Delay(200, Ct);
        var completedWhileLocked = pending.IsCompleted;
        await other.Commit();
        var result = await pending;

        Assert.False(completedWhileLocked);
        Assert.False(result.Duplicate);
        Assert.Equal(1, (await store.GetStatsAsync(Ct)).Comparisons);
    }

    [Fact]
    public async Task RecordAsync_lock_held_past_busy_timeout_failsAndWritesNothing()
    {
        var options = await _backend.NewStorageAsync();
        options.BusyTimeout = TimeSpan.FromSeconds(1);
        await using var store = StorageFactory.CreateFeedbackStore(options);
        await store.InitializeAsync(Ct);

        await using (var other = await HoldWriteLockAsync(options))
        {
            var e = await Assert.ThrowsAsync<SqliteException>(() => store.RecordAsync(Sample.Comparison(), Sample.Outbox(), Ct));
            Assert.Equal(5, e.SqliteErrorCode); // SQLITE_BUSY
        }

        Assert.Equal(new FeedbackStats(0, 0, 0, 0), await store.GetStatsAsync(Ct));
    }

    [Fact]
    public async Task InitializeAsync_file_isInWalMode()
    {
        var options = await _backend.NewStorageAsync();
        await using var store = StorageFactory.CreateModelStore(options);
        await store.InitializeAsync(Ct);

        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(Ct));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    public void CreateFeedbackStore_in_memory_sqlite_isRejected(string connectionString)
    {
        Assert.Throws<ArgumentException>(() =>
            StorageFactory.CreateFeedbackStore(new StorageOptions { Provider = "sqlite", ConnectionString = connectionString }));
    }

    public void Dispose() => _backend.Dispose();

    private static async Task<LockHolder> HoldWriteLockAsync(StorageOptions options)
    {
        var connection = new SqliteConnection(options.ConnectionString + ";Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        await command.ExecuteNonQueryAsync(Ct);
        return new LockHolder(connection);
    }

    private sealed class LockHolder(SqliteConnection connection) : IAsyncDisposable
    {
        public async Task Commit()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "COMMIT";
            await command.ExecuteNonQueryAsync(Ct);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
