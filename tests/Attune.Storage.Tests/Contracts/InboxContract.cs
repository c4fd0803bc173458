using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What every <see cref="IInbox"/> must do.</summary>
public abstract class InboxContract(IStorageBackend backend) : StoreContract(backend)
{
    [Fact]
    public async Task TryMarkProcessedAsync_second_time_returnsFalse()
    {
        var inbox = await OpenAsync(await Backend.NewStorageAsync(), StorageFactory.CreateInbox);
        var id = Guid.NewGuid();

        var first = await inbox.TryMarkProcessedAsync("c", id, Ct);
        var second = await inbox.TryMarkProcessedAsync("c", id, Ct);
        var otherConsumer = await inbox.TryMarkProcessedAsync("d", id, Ct);

        Assert.Equal((true, false, true), (first, second, otherConsumer));
        Assert.True(await inbox.IsProcessedAsync("c", id, Ct));
        Assert.False(await inbox.IsProcessedAsync("c", Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task TryMarkProcessedAsync_concurrent_from_two_instances_onlyOneWins()
    {
        var options = await Backend.NewStorageAsync();
        var first = await OpenAsync(options, StorageFactory.CreateInbox);
        var second = await OpenAsync(options, StorageFactory.CreateInbox);
        var id = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).TryMarkProcessedAsync("c", id, Ct), Ct)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task PurgeAsync_old_receipts_areForgotten()
    {
        var time = new ManualTimeProvider();
        var inbox = await OpenAsync(await Backend.NewStorageAsync(), StorageFactory.CreateInbox, time);
        var old = Guid.NewGuid();
        await inbox.TryMarkProcessedAsync("c", old, Ct);
        time.Advance(TimeSpan.FromDays(8));
        await inbox.TryMarkProcessedAsync("c", Guid.NewGuid(), Ct);

        var purged = await inbox.PurgeAsync(time.GetUtcNow() - TimeSpan.FromDays(7), Ct);

        Assert.Equal(1, purged);
        Assert.False(await inbox.IsProcessedAsync("c", old, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task TryMarkProcessedAsync_blank_consumer_throws(string consumer)
    {
        var inbox = await OpenAsync(await Backend.NewStorageAsync(), StorageFactory.CreateInbox);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => inbox.TryMarkProcessedAsync(consumer, Guid.NewGuid(), Ct));
    }
}
