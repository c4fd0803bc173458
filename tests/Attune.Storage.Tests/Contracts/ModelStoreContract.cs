using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What every <see cref="IModelStore"/> must do: monotonic versions, immutability, atomic publishing.</summary>
public abstract class ModelStoreContract(IStorageBackend backend) : StoreContract(backend)
{
    private const string Metadata = """{"k":4,"users":10,"comparisons":100,"metrics":{"log_loss":0.61}}""";

    private async Task<(IModelStore Store, StorageOptions Options)> NewStoreAsync()
    {
        var options = await Backend.NewStorageAsync();
        return (await OpenAsync(options, StorageFactory.CreateModelStore), options);
    }

    private static byte[] Bytes(int seed, int length = 4096)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task PublishAsync_three_times_allocatesVersionsOneTwoThree()
    {
        var (store, _) = await NewStoreAsync();

        var versions = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            versions.Add((await store.PublishAsync(Bytes(i), Metadata, Ct)).Version);
        }

        Assert.Equal([1L, 2L, 3L], versions);
    }

    [Fact]
    public async Task GetAsync_published_version_returnsExactBytesAndMetadata()
    {
        var (store, _) = await NewStoreAsync();
        var bytes = Bytes(7, 100_000);
        var info = await store.PublishAsync(bytes, Metadata, Ct);

        var model = await store.GetAsync(info.Version, Ct);

        Assert.NotNull(model);
        Assert.Equal(bytes, model.Content);
        Assert.Equal(Metadata, model.Info.MetadataJson);
        Assert.Equal(info.Sha256, model.Info.Sha256);
        Assert.Equal(100_000, model.Info.SizeBytes);
        Assert.Null(await store.GetAsync(info.Version + 1, Ct));
    }

    [Fact]
    public async Task PublishAsync_existing_version_throwsAndKeepsTheOriginal()
    {
        var (store, _) = await NewStoreAsync();
        await store.PublishAsync(1, Bytes(1), Metadata, Ct);

        var e = await Assert.ThrowsAsync<ModelVersionExistsException>(() => store.PublishAsync(1, Bytes(2), "{}", Ct));

        Assert.Equal(1, e.Version);
        Assert.Equal(Bytes(1), (await store.GetAsync(1, Ct))!.Content);
    }

    [Fact]
    public async Task GetLatestAsync_and_ListAsync_returnNewestFirst()
    {
        var (store, _) = await NewStoreAsync();
        Assert.Null(await store.GetLatestAsync(Ct));
        for (var i = 0; i < 4; i++)
        {
            await store.PublishAsync(Bytes(i), Metadata, Ct);
        }

        var latest = await store.GetLatestAsync(Ct);
        var listed = await store.ListAsync(3, Ct);

        Assert.Equal(4, latest!.Info.Version);
        Assert.Equal(Bytes(3), latest.Content);
        Assert.Equal([4L, 3L, 2L], listed.Select(m => m.Version));
    }

    [Fact]
    public async Task PublishAsync_concurrent_publishers_getDistinctVersions()
    {
        var (first, options) = await NewStoreAsync();
        var second = await OpenAsync(options, StorageFactory.CreateModelStore);

        var infos = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).PublishAsync(Bytes(i), Metadata, Ct), Ct)));

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], infos.Select(m => m.Version).Order());
    }

    [Fact]
    public async Task PublishAsync_cancelled_leavesNoVersion()
    {
        var (store, _) = await NewStoreAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PublishAsync(Bytes(1), Metadata, cts.Token));

        Assert.Null(await store.GetLatestAsync(Ct));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task PublishAsync_metadata_not_a_json_object_throws(string metadata)
    {
        var (store, _) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PublishAsync(Bytes(1), metadata, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PublishAsync(ReadOnlyMemory<byte>.Empty, Metadata, Ct));
        Assert.Empty(await store.ListAsync(10, Ct));
    }

    private static OutboxEntry Announce(long version, long? previous, long promotion) => new(
        Guid.NewGuid(), "ModelPromoted", $$"""{"version":{{version}},"previous":{{previous?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}},"promotion":{{promotion}}}""");

    [Fact]
    public async Task Registry_published_isCandidateAndNothingInForce()
    {
        var (store, _) = await NewStoreAsync();
        var info = await store.PublishAsync(Bytes(1), Metadata, Ct);

        var state = await store.GetStateAsync(info.Version, Ct);
        var registry = await store.GetRegistryAsync(Ct);

        Assert.Equal(ModelState.Candidate, state!.State);
        Assert.Null(registry.ActiveVersion);
        Assert.Equal(0, registry.Promotions);
        Assert.Empty(await store.PendingAnnouncementsAsync(10, Ct));
    }

    [Fact]
    public async Task ActivateAsync_twice_activatesOnceRetiresThePreviousAndQueuesOneAnnouncementEach()
    {
        var (store, _) = await NewStoreAsync();
        await store.PublishAsync(Bytes(1), Metadata, Ct);
        await store.PublishAsync(Bytes(2), Metadata, Ct);

        var first = await store.ActivateAsync(1, "gate passed", forced: false, """{"passed":true}""", Announce, Ct);
        var again = await store.ActivateAsync(1, "gate passed", forced: false, null, Announce, Ct);
        var second = await store.ActivateAsync(2, "operator", forced: true, null, Announce, Ct);

        Assert.Equal(new ModelActivation(true, 1, null, 1), first);
        Assert.False(again.Changed);
        Assert.Equal(new ModelActivation(true, 2, 1, 2), second);
        Assert.Equal(ModelState.Retired, (await store.GetStateAsync(1, Ct))!.State);
        var active = (await store.GetStateAsync(2, Ct))!;
        Assert.Equal((ModelState.Active, true, "operator"), (active.State, active.Forced, active.Reason));
        Assert.Equal("""{"passed":true}""", (await store.GetStateAsync(1, Ct))!.GateJson);
        var pending = await store.PendingAnnouncementsAsync(10, Ct);
        Assert.Equal(2, pending.Count);
        Assert.Contains("\"version\":2", pending[1].PayloadJson, StringComparison.Ordinal);
        await store.MarkAnnouncedAsync([pending[0].Id], Ct);
        Assert.Single(await store.PendingAnnouncementsAsync(10, Ct));
    }

    [Fact]
    public async Task RollbackAsync_walksBackOnePromotionPerCallAndHonoursFromVersion()
    {
        var (store, _) = await NewStoreAsync();
        for (var i = 1; i <= 3; i++)
        {
            await store.PublishAsync(Bytes(i), Metadata, Ct);
            await store.ActivateAsync(i, "gate passed", false, null, Announce, Ct);
        }

        var stale = await store.RollbackAsync(fromVersion: 2, "operator", Announce, Ct);
        var first = await store.RollbackAsync(fromVersion: 3, "operator", Announce, Ct);
        var repeated = await store.RollbackAsync(fromVersion: 3, "operator", Announce, Ct);
        var second = await store.RollbackAsync(null, "operator", Announce, Ct);
        var none = await store.RollbackAsync(null, "operator", Announce, Ct);

        Assert.False(stale.Changed);
        Assert.Equal(new ModelActivation(true, 2, 3, 4), first);
        Assert.False(repeated.Changed);
        Assert.Equal(new ModelActivation(true, 1, 2, 5), second);
        Assert.False(none.Changed);
        Assert.Equal(1, (await store.GetRegistryAsync(Ct)).ActiveVersion);
        Assert.Equal(ModelState.Retired, (await store.GetStateAsync(3, Ct))!.State);
        Assert.Equal(5, (await store.PendingAnnouncementsAsync(10, Ct)).Count);
    }

    [Fact]
    public async Task SetStateAsync_rejectsACandidateButNeverTheModelInForce()
    {
        var (store, _) = await NewStoreAsync();
        await store.PublishAsync(Bytes(1), Metadata, Ct);
        await store.PublishAsync(Bytes(2), Metadata, Ct);
        await store.ActivateAsync(1, "first", false, null, Announce, Ct);

        await store.SetStateAsync(2, ModelState.Rejected, "gate: macro AUC 0.61 < 0.64 - 0.01", """{"passed":false}""", Ct);

        var rejected = (await store.GetStateAsync(2, Ct))!;
        Assert.Equal((ModelState.Rejected, """{"passed":false}"""), (rejected.State, rejected.GateJson));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SetStateAsync(1, ModelState.Rejected, "no", null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetStateAsync(2, ModelState.Active, "no", null, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.SetStateAsync(9, ModelState.Rejected, "no", null, Ct));
        Assert.Equal([2L, 1L], (await store.ListStatesAsync(10, Ct)).Select(s => s.Version));
    }

    [Fact]
    public async Task SetPinnedAsync_pinsAndUnpinsIdempotently()
    {
        var (store, _) = await NewStoreAsync();

        var pinned = await store.SetPinnedAsync(true, "release freeze", Ct);
        var again = await store.SetPinnedAsync(true, "release freeze", Ct);
        var unpinned = await store.SetPinnedAsync(false, "", Ct);

        Assert.True(pinned.Pinned && again.Pinned);
        Assert.Equal("release freeze", again.PinReason);
        Assert.False(unpinned.Pinned);
    }
}
