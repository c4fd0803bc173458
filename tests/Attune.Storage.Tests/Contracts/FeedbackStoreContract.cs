using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What every <see cref="IFeedbackStore"/> must do: idempotent recording, the outbox in the same transaction, paging, erasure.</summary>
public abstract class FeedbackStoreContract(IStorageBackend backend) : StoreContract(backend)
{
    private async Task<(IFeedbackStore Store, StorageOptions Options)> NewStoreAsync()
    {
        var options = await Backend.NewStorageAsync();
        return (await OpenAsync(options, StorageFactory.CreateFeedbackStore), options);
    }

    [Fact]
    public async Task RecordAsync_new_comparison_storesItAndQueuesOutbox()
    {
        var (store, _) = await NewStoreAsync();
        var comparison = Sample.Comparison(clientId: "c-1", preference: 0.25);

        var result = await store.RecordAsync(comparison, Sample.Outbox(), Ct);

        Assert.Equal(new RecordResult(comparison.Id, Duplicate: false), result);
        var stored = await store.GetAsync(comparison.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(("c-1", "alice", "p", "a", "b", 0.25, Sample.When),
            (stored.ClientId, stored.UserId, stored.Prompt, stored.ResponseA, stored.ResponseB, stored.Preference, stored.RecordedAt));
        Assert.Equal(new FeedbackStats(1, 1, 1, 1), await store.GetStatsAsync(Ct));
    }

    [Fact]
    public async Task RecordAsync_same_user_and_client_id_returnsFirstIdAndWritesNothing()
    {
        var (store, _) = await NewStoreAsync();
        var first = Sample.Comparison(clientId: "same");
        await store.RecordAsync(first, Sample.Outbox(), Ct);

        var second = await store.RecordAsync(Sample.Comparison(clientId: "same", prompt: "other"), Sample.Outbox(), Ct);

        Assert.Equal(new RecordResult(first.Id, Duplicate: true), second);
        Assert.Equal(new FeedbackStats(1, 1, 1, 1), await store.GetStatsAsync(Ct));
    }

    [Fact]
    public async Task RecordAsync_same_id_again_isDuplicate()
    {
        var (store, _) = await NewStoreAsync();
        var comparison = Sample.Comparison();
        await store.RecordAsync(comparison, Sample.Outbox(), Ct);

        var again = await store.RecordAsync(comparison, Sample.Outbox(), Ct);

        Assert.True(again.Duplicate);
        Assert.Equal(1, (await store.GetStatsAsync(Ct)).PendingOutbox);
    }

    [Fact]
    public async Task RecordAsync_same_client_id_for_other_user_storesBoth()
    {
        var (store, _) = await NewStoreAsync();

        var a = await store.RecordAsync(Sample.Comparison("alice", "k"), Sample.Outbox(), Ct);
        var b = await store.RecordAsync(Sample.Comparison("bob", "k"), Sample.Outbox(), Ct);

        Assert.False(a.Duplicate);
        Assert.False(b.Duplicate);
        Assert.Equal(2, (await store.GetStatsAsync(Ct)).Comparisons);
    }

    [Fact]
    public async Task RecordAsync_concurrent_duplicates_from_two_instances_storeOneRow()
    {
        var (first, options) = await NewStoreAsync();
        var second = await OpenAsync(options, StorageFactory.CreateFeedbackStore);
        var stores = new[] { first, second };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => stores[i % 2].RecordAsync(Sample.Comparison(clientId: "race"), Sample.Outbox(), Ct), Ct)));

        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(results.Select(r => r.ComparisonId).Distinct());
        Assert.Equal(new FeedbackStats(1, 1, 1, 1), await first.GetStatsAsync(Ct));
    }

    [Fact]
    public async Task RecordAsync_outbox_insert_fails_rollsBackTheComparison()
    {
        var (store, _) = await NewStoreAsync();
        var outbox = Sample.Outbox();
        await store.RecordAsync(Sample.Comparison(), outbox, Ct);
        var doomed = Sample.Comparison(user: "bob");

        // The outbox insert (after the comparison's) violates the unique message id.
        await Assert.ThrowsAnyAsync<Exception>(() => store.RecordAsync(doomed, outbox with { MessageType = "Again" }, Ct));

        Assert.Null(await store.GetAsync(doomed.Id, Ct));
        Assert.Equal(new FeedbackStats(1, 1, 1, 1), await store.GetStatsAsync(Ct));
    }

    public static TheoryData<string, NewComparison> InvalidComparisons => new()
    {
        { "user_id", Sample.Comparison(user: "") },
        { "preference", Sample.Comparison(preference: 1.5) },
        { "preference", Sample.Comparison(preference: double.NaN) },
        { "comparison_id", Sample.Comparison() with { Id = Guid.Empty } },
        { "client_id", Sample.Comparison(clientId: "") },
    };

    [Theory]
    [MemberData(nameof(InvalidComparisons))]
    public async Task RecordAsync_invalid_comparison_throwsNamingTheField(string field, NewComparison comparison)
    {
        var (store, _) = await NewStoreAsync();

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RecordAsync(comparison, Sample.Outbox(), Ct));

        Assert.Equal(field, e.ParamName);
        Assert.Equal(0, (await store.GetStatsAsync(Ct)).Comparisons);
    }

    [Fact]
    public async Task RecordAsync_payload_not_json_throwsArgumentException()
    {
        var (store, _) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.RecordAsync(Sample.Comparison(), new OutboxEntry(Guid.NewGuid(), "FeedbackRecorded", "{not json"), Ct));
    }

    [Fact]
    public async Task RecordBatchAsync_with_duplicates_skipsAndCountsThem()
    {
        var (store, _) = await NewStoreAsync();
        var earlier = Sample.Comparison(clientId: "old");
        await store.RecordAsync(earlier, Sample.Outbox(), Ct);
        var batch = new[] { Sample.Item(clientId: "x"), Sample.Item(clientId: "x"), Sample.Item(clientId: "old"), Sample.Item(), Sample.Item("bob") };

        var result = await store.RecordBatchAsync(batch, Ct);

        Assert.Equal((3, 2), (result.Stored, result.Duplicates));
        Assert.Equal([false, true, true, false, false], result.Results.Select(r => r.Duplicate));
        Assert.Equal(batch[0].Item1.Id, result.Results[1].ComparisonId);
        Assert.Equal(earlier.Id, result.Results[2].ComparisonId);
        Assert.Equal(new FeedbackStats(4, 2, 1, 4), await store.GetStatsAsync(Ct));
    }

    [Fact]
    public async Task RecordBatchAsync_item_failing_late_rollsBackTheWholeBatch()
    {
        var (store, _) = await NewStoreAsync();
        var shared = Sample.Outbox();
        var batch = new[] { Sample.Item(), Sample.Item(), (Sample.Comparison(), shared), (Sample.Comparison(), shared) };

        await Assert.ThrowsAnyAsync<Exception>(() => store.RecordBatchAsync(batch, Ct));

        Assert.Equal(new FeedbackStats(0, 0, 0, 0), await store.GetStatsAsync(Ct));
    }

    [Fact]
    public async Task ListAsync_pages_newestFirstWithoutGapsOrRepeats()
    {
        var (store, _) = await NewStoreAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var c = Sample.Comparison(prompt: $"p{i}");
            await store.RecordAsync(c, Sample.Outbox(), Ct);
            ids.Add(c.Id);
        }

        var seen = new List<Guid>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(null, 3, token, Ct);
            seen.AddRange(page.Items.Select(c => c.Id));
            sizes.Add(page.Items.Count);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([3, 3, 1], sizes);
        ids.Reverse();
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListAsync_user_filter_returnsOnlyThatUser()
    {
        var (store, _) = await NewStoreAsync();
        await store.RecordBatchAsync([Sample.Item("alice"), Sample.Item("bob"), Sample.Item("alice")], Ct);

        var page = await store.ListAsync("alice", 10, null, Ct);

        Assert.Equal(2, page.Items.Count);
        Assert.All(page.Items, c => Assert.Equal("alice", c.UserId));
        Assert.Null(page.NextPageToken);
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("eA")]
    [InlineData("YzE6LTU")]
    [InlineData("YzE6YWJj")]
    public async Task ListAsync_malformed_page_token_throwsNamingPageToken(string token)
    {
        var (store, _) = await NewStoreAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(null, 10, token, Ct));

        Assert.Equal("page_token", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(IFeedbackStore.MaxPageSize + 1)]
    public async Task ListAsync_page_size_out_of_range_throwsNamingPageSize(int pageSize)
    {
        var (store, _) = await NewStoreAsync();

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(null, pageSize, null, Ct));

        Assert.Equal("page_size", e.ParamName);
    }

    [Fact]
    public async Task EraseUserAsync_user_with_comparisons_deletesThemAndQueuesTheEntry()
    {
        var (store, _) = await NewStoreAsync();
        await store.RecordBatchAsync([Sample.Item("alice"), Sample.Item("alice"), Sample.Item("bob")], Ct);
        var erased = Sample.Outbox("UserErased");

        var count = await store.EraseUserAsync("alice", erased, Ct);

        Assert.Equal(2, count);
        Assert.Empty((await store.ListAsync("alice", 10, null, Ct)).Items);
        Assert.Single((await store.ListAsync("bob", 10, null, Ct)).Items);
        var pending = await store.LeaseOutboxAsync(10, TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(erased.MessageId, pending[^1].MessageId);
        Assert.Equal("UserErased", pending[^1].MessageType);
    }

    [Fact]
    public async Task GetStatsAsync_swapped_responses_countAsOnePair()
    {
        var (store, _) = await NewStoreAsync();
        await store.RecordAsync(Sample.Comparison("alice", a: "x", b: "y"), Sample.Outbox(), Ct);
        await store.RecordAsync(Sample.Comparison("bob", a: "y", b: "x"), Sample.Outbox(), Ct);
        await store.RecordAsync(Sample.Comparison("bob", a: "x", b: "z"), Sample.Outbox(), Ct);

        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(new FeedbackStats(3, 2, 2, 3), stats);
    }
}
