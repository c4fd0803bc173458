using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What every <see cref="IProfileStore"/> must do.</summary>
public abstract class ProfileStoreContract(IStorageBackend backend) : StoreContract(backend)
{
    private async Task<IProfileStore> NewStoreAsync() =>
        await OpenAsync(await Backend.NewStorageAsync(), StorageFactory.CreateProfileStore);

    private static ProfileAnswer Answer(string user = "alice", double preference = 1) =>
        new(Guid.NewGuid(), user, "p", "a", "b", preference, Sample.When);

    private static UserWeights Weights(string user, long version, params double[] mean) =>
        new(user, version, mean, Enumerable.Range(0, mean.Length * mean.Length).Select(i => i * 0.5).ToArray(), 3, Sample.When);

    [Fact]
    public async Task AddAnswerAsync_same_comparison_twice_storesItOnce()
    {
        var store = await NewStoreAsync();
        var answer = Answer(preference: 0.75);

        var first = await store.AddAnswerAsync(answer, null, Ct);
        var second = await store.AddAnswerAsync(answer with { Preference = 0 }, null, Ct);

        Assert.Equal((true, false), (first, second));
        Assert.Equal([answer], await store.GetAnswersAsync("alice", Ct));
    }

    [Fact]
    public async Task AddAnswerAsync_redelivered_receipt_returnsFalse()
    {
        var store = await NewStoreAsync();
        var receipt = Sample.Receipt("adapter.FeedbackRecorded");

        var first = await store.AddAnswerAsync(Answer(), receipt, Ct);
        var second = await store.AddAnswerAsync(Answer(), receipt, Ct);

        Assert.Equal((true, false), (first, second));
        Assert.Single(await store.GetAnswersAsync("alice", Ct));
    }

    [Fact]
    public async Task SaveWeightsAsync_then_GetWeightsAsync_roundTripsAndReplaces()
    {
        var store = await NewStoreAsync();
        await store.SaveWeightsAsync(Weights("alice", 1, 1.5, -2.25), Ct);
        await store.SaveWeightsAsync(Weights("alice", 2, 9), Ct);
        var replaced = Weights("alice", 1, 0.1, double.Epsilon) with { AnswerCount = 7 };

        await store.SaveWeightsAsync(replaced, Ct);
        var v1 = await store.GetWeightsAsync("alice", 1, Ct);

        Assert.Equal(replaced.Mean, v1!.Mean);
        Assert.Equal(replaced.Covariance, v1.Covariance);
        Assert.Equal(7, v1.AnswerCount);
        Assert.Equal(new[] { 9.0 }, (await store.GetWeightsAsync("alice", 2, Ct))!.Mean);
        Assert.Null(await store.GetWeightsAsync("alice", 3, Ct));
    }

    [Fact]
    public async Task SaveWeightsAsync_covariance_of_wrong_shape_throws()
    {
        var store = await NewStoreAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SaveWeightsAsync(new UserWeights("alice", 1, [1, 2], [1, 0, 0], 1, Sample.When), Ct));

        Assert.Equal("covariance", e.ParamName);
    }

    [Fact]
    public async Task EraseUserAsync_removes_answersAndWeightsOfThatUserOnly()
    {
        var store = await NewStoreAsync();
        await store.AddAnswerAsync(Answer("alice"), null, Ct);
        await store.AddAnswerAsync(Answer("alice"), null, Ct);
        await store.AddAnswerAsync(Answer("bob"), null, Ct);
        await store.SaveWeightsAsync(Weights("alice", 1, 1), Ct);
        var receipt = Sample.Receipt("adapter.UserErased");

        var erased = await store.EraseUserAsync("alice", receipt, Ct);
        var again = await store.EraseUserAsync("alice", receipt, Ct);

        Assert.Equal((2, 0), (erased, again));
        Assert.Empty(await store.GetAnswersAsync("alice", Ct));
        Assert.Null(await store.GetWeightsAsync("alice", 1, Ct));
        Assert.Equal(["bob"], await store.ListUsersAsync(10, null, Ct));
    }

    [Fact]
    public async Task ListUsersAsync_pages_usersWithAnswersOrWeights()
    {
        var store = await NewStoreAsync();
        await store.AddAnswerAsync(Answer("u1"), null, Ct);
        await store.AddAnswerAsync(Answer("u1"), null, Ct);
        await store.AddAnswerAsync(Answer("u3"), null, Ct);
        await store.SaveWeightsAsync(Weights("u2", 1, 1), Ct);

        var first = await store.ListUsersAsync(2, null, Ct);
        var rest = await store.ListUsersAsync(2, first[^1], Ct);

        Assert.Equal(["u1", "u2"], first);
        Assert.Equal(["u3"], rest);
    }
}
