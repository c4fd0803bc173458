using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What every <see cref="ITrainingDataStore"/> must do: idempotent upserts, inbox receipts, ordered reads, watermarks.</summary>
public abstract class TrainingDataStoreContract(IStorageBackend backend) : StoreContract(backend)
{
    private async Task<(ITrainingDataStore Store, StorageOptions Options)> NewStoreAsync(TimeProvider? time = null)
    {
        var options = await Backend.NewStorageAsync();
        return (await OpenAsync(options, StorageFactory.CreateTrainingDataStore, time), options);
    }

    private static async Task<List<TrainingComparison>> ReadAllAsync(ITrainingDataStore store, long after = 0)
    {
        var list = new List<TrainingComparison>();
        await foreach (var c in store.ReadAllAsync(after, Ct))
        {
            list.Add(c);
        }

        return list;
    }

    [Fact]
    public async Task UpsertAsync_same_id_twice_keepsOneRowWithItsSequence()
    {
        var (store, _) = await NewStoreAsync();
        var comparison = Sample.Training(preference: 1);
        await store.UpsertAsync(comparison, null, Ct);
        var before = (await ReadAllAsync(store)).Single();

        await store.UpsertAsync(comparison with { Preference = 0.5 }, null, Ct);

        var after = (await ReadAllAsync(store)).Single();
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(0.5, after.Preference);
        Assert.Equal(Sample.When, after.RecordedAt);
    }

    [Fact]
    public async Task UpsertAsync_redelivered_receipt_changesNothing()
    {
        var (store, _) = await NewStoreAsync();
        var receipt = Sample.Receipt();
        var comparison = Sample.Training(preference: 1);
        var first = await store.UpsertAsync(comparison, receipt, Ct);

        var second = await store.UpsertAsync(comparison with { Preference = 0 }, receipt, Ct);

        Assert.Equal((true, false), (first, second));
        Assert.Equal(1, (await ReadAllAsync(store)).Single().Preference);
    }

    [Fact]
    public async Task UpsertAsync_concurrent_same_receipt_from_two_instances_appliesOnce()
    {
        var (first, options) = await NewStoreAsync();
        var second = await OpenAsync(options, StorageFactory.CreateTrainingDataStore);
        var receipt = Sample.Receipt();

        var applied = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).UpsertAsync(Sample.Training(), receipt, Ct), Ct)));

        Assert.Single(applied, a => a);
        Assert.Single(await ReadAllAsync(first));
    }

    [Fact]
    public async Task EraseUserAsync_redelivered_receipt_keepsLaterData()
    {
        // The store's clock stands before Sample.When, so the comparison upserted after the erasure is newer than it.
        var (store, _) = await NewStoreAsync(new ManualTimeProvider());
        await store.UpsertManyAsync([Sample.Training("alice"), Sample.Training("alice"), Sample.Training("bob")], Ct);
        var receipt = Sample.Receipt("trainer.UserErased");
        var erased = await store.EraseUserAsync("alice", receipt, Ct);
        await store.UpsertAsync(Sample.Training("alice"), null, Ct);

        var redelivered = await store.EraseUserAsync("alice", receipt, Ct);

        Assert.Equal((2, 0), (erased, redelivered));
        Assert.Equal(["bob", "alice"], (await ReadAllAsync(store)).Select(c => c.UserId));
    }

    [Fact]
    public async Task UpsertAsync_comparison_recorded_before_the_users_erasure_isIgnored()
    {
        var time = new ManualTimeProvider();
        time.Advance(Sample.When - time.GetUtcNow() + TimeSpan.FromHours(1));
        var (store, _) = await NewStoreAsync(time);
        await store.EraseUserAsync("alice", null, Ct);
        var late = Sample.Training("alice");
        var afterwards = Sample.Training("alice") with { RecordedAt = Sample.When.AddHours(2) };

        await store.UpsertAsync(late, Sample.Receipt(), Ct);
        await store.UpsertManyAsync([afterwards, Sample.Training("bob")], Ct);

        Assert.Equal([afterwards.Id], (await ReadAllAsync(store)).Where(c => c.UserId == "alice").Select(c => c.Id));
        Assert.Equal(2, await store.CountSinceAsync(0, Ct));
    }

    [Fact]
    public async Task ReadAllAsync_after_sequence_streamsTheRestInOrder()
    {
        var (store, _) = await NewStoreAsync();
        var items = Enumerable.Range(0, 5).Select(i => Sample.Training(prompt: $"p{i}")).ToList();
        foreach (var item in items)
        {
            await store.UpsertAsync(item, null, Ct);
        }

        var all = await ReadAllAsync(store);
        var tail = await ReadAllAsync(store, all[1].Sequence);

        Assert.Equal(items.Select(i => i.Id), all.Select(c => c.Id));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(items.Skip(2).Select(i => i.Id), tail.Select(c => c.Id));
    }

    [Fact]
    public async Task CountSinceAsync_watermark_countsOnlyLaterComparisons()
    {
        var (store, _) = await NewStoreAsync();
        Assert.Equal(0, await store.GetWatermarkAsync(Ct));
        await store.UpsertManyAsync([Sample.Training(), Sample.Training()], Ct);
        var watermark = await store.GetWatermarkAsync(Ct);
        await store.UpsertManyAsync([Sample.Training(), Sample.Training(), Sample.Training()], Ct);

        Assert.Equal(3, await store.CountSinceAsync(watermark, Ct));
        Assert.Equal(5, await store.CountSinceAsync(0, Ct));
    }

    [Fact]
    public async Task UpsertAsync_invalid_comparison_throwsNamingTheField()
    {
        var (store, _) = await NewStoreAsync();

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpsertAsync(Sample.Training(preference: -0.1), null, Ct));

        Assert.Equal("preference", e.ParamName);
        Assert.Empty(await ReadAllAsync(store));
    }
}
