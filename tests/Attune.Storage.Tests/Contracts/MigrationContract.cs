using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>Schema creation is idempotent: twice, from two instances at once, and with every store sharing one database.</summary>
public abstract class MigrationContract(IStorageBackend backend) : StoreContract(backend)
{
    private static readonly Func<StorageOptions, TimeProvider?, IInitializableStore>[] AllStores =
    [
        StorageFactory.CreateFeedbackStore, StorageFactory.CreateTrainingDataStore, StorageFactory.CreateModelStore,
        StorageFactory.CreateTrainingJobStore, StorageFactory.CreateProfileStore, StorageFactory.CreateInbox,
    ];

    [Fact]
    public async Task InitializeAsync_twice_keepsDataAndRecordsEachVersionOnce()
    {
        var options = await Backend.NewStorageAsync();
        var store = await OpenAsync(options, StorageFactory.CreateFeedbackStore);
        var comparison = Sample.Comparison();
        await store.RecordAsync(comparison, Sample.Outbox(), Ct);

        await store.InitializeAsync(Ct);
        var reopened = await OpenAsync(options, StorageFactory.CreateFeedbackStore);

        Assert.NotNull(await reopened.GetAsync(comparison.Id, Ct));
        Assert.Equal(1, await Backend.ScalarAsync(options, "SELECT COUNT(*) FROM schema_version WHERE component = 'feedback'"));
    }

    [Fact]
    public async Task InitializeAsync_every_store_from_two_instances_at_once_succeeds()
    {
        var options = await Backend.NewStorageAsync();
        var stores = AllStores.SelectMany(create => new[] { create(options, null), create(options, null) }).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(Ct), Ct)));
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }

        // feedback, training_jobs, profiles and inbox at version 1, training_data and models at 2: each recorded once.
        Assert.Equal(8, await Backend.ScalarAsync(options, "SELECT COUNT(*) FROM schema_version"));
        var feedback = await OpenAsync(options, StorageFactory.CreateFeedbackStore);
        Assert.False((await feedback.RecordAsync(Sample.Comparison(), Sample.Outbox(), Ct)).Duplicate);
    }

    [Fact]
    public async Task InitializeAsync_schema_newer_than_the_build_throws()
    {
        var options = await Backend.NewStorageAsync();
        await OpenAsync(options, StorageFactory.CreateModelStore);
        await Backend.ScalarAsync(options, "INSERT INTO schema_version (component, version) VALUES ('models', 99)");

        var later = StorageFactory.CreateModelStore(options);
        await using var _ = later;

        await Assert.ThrowsAsync<InvalidOperationException>(() => later.InitializeAsync(Ct));
    }
}
