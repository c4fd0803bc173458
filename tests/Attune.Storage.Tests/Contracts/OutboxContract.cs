using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What the feedback store's outbox must do for dispatchers: leases, at-least-once, two dispatchers at once.</summary>
public abstract class OutboxContract(IStorageBackend backend) : StoreContract(backend)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private async Task<(IFeedbackStore Store, StorageOptions Options)> NewStoreAsync(TimeProvider time, int entries)
    {
        var options = await Backend.NewStorageAsync();
        var store = await OpenAsync(options, StorageFactory.CreateFeedbackStore, time);
        await store.RecordBatchAsync(Enumerable.Range(0, entries).Select(_ => Sample.Item()).ToList(), Ct);
        return (store, options);
    }

    [Fact]
    public async Task LeaseOutboxAsync_pending_entries_returnsOldestFirstUpToMax()
    {
        var (store, _) = await NewStoreAsync(new ManualTimeProvider(), 5);

        var leased = await store.LeaseOutboxAsync(3, Lease, Ct);

        Assert.Equal(3, leased.Count);
        Assert.True(leased.Zip(leased.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.All(leased, m => Assert.Equal(1, m.Attempts));
        Assert.Equal(2, (await store.LeaseOutboxAsync(10, Lease, Ct)).Count);
    }

    [Fact]
    public async Task LeaseOutboxAsync_leased_entries_notLeasedAgainUntilTheLeaseExpires()
    {
        var time = new ManualTimeProvider();
        var (store, _) = await NewStoreAsync(time, 2);
        var first = await store.LeaseOutboxAsync(10, Lease, Ct);

        var whileLeased = await store.LeaseOutboxAsync(10, Lease, Ct);
        time.Advance(Lease + TimeSpan.FromSeconds(1));
        var afterExpiry = await store.LeaseOutboxAsync(10, Lease, Ct);

        Assert.Empty(whileLeased);
        Assert.Equal(first.Select(m => m.MessageId), afterExpiry.Select(m => m.MessageId));
        Assert.All(afterExpiry, m => Assert.Equal(2, m.Attempts));
    }

    [Fact]
    public async Task MarkDispatchedAsync_dispatched_entries_neverLeasedAgain()
    {
        var time = new ManualTimeProvider();
        var (store, _) = await NewStoreAsync(time, 3);
        var leased = await store.LeaseOutboxAsync(2, Lease, Ct);

        var marked = await store.MarkDispatchedAsync(leased.Select(m => m.Id).ToList(), Ct);
        var markedAgain = await store.MarkDispatchedAsync(leased.Select(m => m.Id).ToList(), Ct);
        time.Advance(TimeSpan.FromHours(1));
        var remaining = await store.LeaseOutboxAsync(10, Lease, Ct);

        Assert.Equal((2, 0), (marked, markedAgain));
        Assert.Single(remaining);
        Assert.Equal(1, (await store.GetStatsAsync(Ct)).PendingOutbox);
    }

    [Fact]
    public async Task LeaseOutboxAsync_two_dispatchers_at_once_getDisjointEntries()
    {
        var time = new ManualTimeProvider();
        var (first, options) = await NewStoreAsync(time, 40);
        var second = await OpenAsync(options, StorageFactory.CreateFeedbackStore, time);

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).LeaseOutboxAsync(5, Lease, Ct), Ct)));

        var ids = batches.SelectMany(b => b).Select(m => m.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task PurgeDispatchedAsync_old_dispatched_entries_areDeleted()
    {
        var time = new ManualTimeProvider();
        var (store, options) = await NewStoreAsync(time, 3);
        var leased = await store.LeaseOutboxAsync(2, Lease, Ct);
        await store.MarkDispatchedAsync(leased.Select(m => m.Id).ToList(), Ct);
        time.Advance(TimeSpan.FromDays(2));

        var purged = await store.PurgeDispatchedAsync(time.GetUtcNow() - TimeSpan.FromDays(1), Ct);

        Assert.Equal(2, purged);
        Assert.Equal(1, await Backend.ScalarAsync(options, "SELECT COUNT(*) FROM outbox"));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(10, 0)]
    public async Task LeaseOutboxAsync_bad_arguments_throw(int max, int leaseSeconds)
    {
        var (store, _) = await NewStoreAsync(new ManualTimeProvider(), 0);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.LeaseOutboxAsync(max, TimeSpan.FromSeconds(leaseSeconds), Ct));
    }
}
