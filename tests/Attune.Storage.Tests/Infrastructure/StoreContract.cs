using Attune.Storage;

namespace Attune.Storage.Tests.Infrastructure;

/// <summary>
/// Base of every contract suite: creates stores on fresh storage of one backend and disposes them after the test.
/// A concrete suite per backend derives from each contract.
/// </summary>
public abstract class StoreContract(IStorageBackend backend) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected IStorageBackend Backend { get; } = backend;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates and initializes a store on <paramref name="options"/> (a second instance simulates a second process).</summary>
    protected async Task<TStore> OpenAsync<TStore>(StorageOptions options, Func<StorageOptions, TimeProvider?, TStore> create, TimeProvider? time = null)
        where TStore : IInitializableStore
    {
        var store = create(options, time);
        _owned.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _owned)
        {
            await store.DisposeAsync();
        }

        (Backend as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
