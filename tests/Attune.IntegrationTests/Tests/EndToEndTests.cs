using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;
using Attune.Rpc;

namespace Attune.IntegrationTests.Tests;

/// <summary>
/// Issue 4, end to end: comparisons recorded over gRPC past the trainer's threshold train a model by themselves (nobody
/// calls StartTraining), ModelTrained reaches the adapter over RabbitMQ, and profiles change as the users' tastes say.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    /// <summary>Only the count condition: 300 new comparisons (all of them before the first model).</summary>
    private static readonly Dictionary<string, string> Threshold = new()
    {
        ["Trainer__AutoRetrain"] = "true",
        ["Trainer__MinComparisons"] = "200",
        ["Trainer__RetrainMinNewComparisons"] = "300",
        ["Trainer__RetrainMinNewFraction"] = "0",
        ["Trainer__RetrainDebounce"] = "00:00:01",
        ["Trainer__MaxAutoRank"] = "3",
    };

    private static readonly int[] ProbePrompts = [0, 1, 2];

    private TestDatabase? _database;
    private RabbitMqVirtualHost? _vhost;
    private ServiceStack _stack = null!;
    private Stores _stores = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _vhost = await RabbitMqVirtualHost.CreateAsync();
        _stack = await ServiceStack.StartAsync(_database, _vhost.Uri, Threshold);
        _stores = new Stores(_database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        if (_vhost is not null)
        {
            await _vhost.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// 360 comparisons (every other one of 24 users x 30) cross the 300 threshold once: model 1, trained by itself, in
    /// force in the adapter, where a formal user scores formal responses higher and a casual user casual ones. A newcomer
    /// who prefers formal answers answers 12 questions through the adapter and moves from the prior towards formal. The
    /// other 360 comparisons cross the threshold again: model 2 in the adapter, the newcomer still prefers formal.
    /// </summary>
    [Fact]
    public async Task FeedbackPastTheThreshold_retrainsByItself_adapterSwitchesAndProfilesFollowTheirTaste()
    {
        var ct = TestContext.Current.CancellationToken;
        var population = StylesPopulation.Load(seed: 7, comparisonsPerUser: 30, prompts: 8);
        var first = population.Comparisons.Where((_, i) => i % 2 == 0).ToList();
        var second = population.Comparisons.Where((_, i) => i % 2 == 1).ToList();
        const string newcomer = "newcomer-formal";

        await RecordAsync(first);
        await WaitForModelInAdapterAsync(population.FormalUser, 1);

        Assert.Equal([1L], await _stores.ModelVersionsAsync());
        Assert.All(await _stores.JobsAsync(), j => Assert.Equal(("succeeded", "threshold"), j));
        foreach (var prompt in ProbePrompts)
        {
            Assert.True(await FormalMarginAsync(population.FormalUser, prompt) > 0, $"formal user, prompt {prompt}: formal not preferred under model 1");
            Assert.True(await FormalMarginAsync(population.CasualUser, prompt) < 0, $"casual user, prompt {prompt}: casual not preferred under model 1");
        }

        var cold = (await _stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = newcomer }, Deadline(ct))).Profile;
        var priorMargin = await FormalMarginAsync(newcomer, ProbePrompts[0]);
        SubmitAnswerReply? last = null;
        foreach (var (pair, preference) in population.FormalAnswers(12))
        {
            last = await _stack.AdapterClient.SubmitAnswerAsync(
                new SubmitAnswerRequest { UserId = newcomer, Pair = pair, Preference = preference }, Deadline(ct));
        }

        Assert.True(cold.ColdStart);
        Assert.Equal(12, last!.Profile.Answers);
        Assert.False(last.Profile.ColdStart);
        var learnedMargin = await FormalMarginAsync(newcomer, ProbePrompts[0]);
        Assert.True(learnedMargin > priorMargin, $"newcomer's formal margin {learnedMargin} did not grow from the prior's {priorMargin}");
        Assert.True(learnedMargin > 0, $"newcomer's formal margin {learnedMargin} under model 1");

        await RecordAsync(second);
        await WaitForModelInAdapterAsync(newcomer, 2);

        Assert.Equal([1L, 2L], await _stores.ModelVersionsAsync());
        Assert.All(await _stores.JobsAsync(), j => Assert.Equal(("succeeded", "threshold"), j));
        var profile = (await _stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = newcomer }, Deadline(ct))).Profile;
        Assert.Equal(12, profile.Answers);
        foreach (var prompt in ProbePrompts)
        {
            Assert.True(await FormalMarginAsync(newcomer, prompt) > 0, $"newcomer, prompt {prompt}: formal not preferred after the retrain");
            Assert.True(await FormalMarginAsync(population.FormalUser, prompt) > 0, $"formal user, prompt {prompt}: formal not preferred under model 2");
        }

        var stored = await _stores.FeedbackIdsAsync();
        Assert.Equal(first.Count + second.Count + 12, stored.Count);
        Assert.Equal(stored.Order(), (await _stores.TrainerCopyIdsAsync()).Order());
    }

    private static CallOptions Deadline(CancellationToken ct) =>
        CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { CancellationToken = ct };

    private async Task RecordAsync(IReadOnlyList<Attune.Data.Comparison> comparisons)
    {
        var ct = TestContext.Current.CancellationToken;
        await Parallel.ForEachAsync(comparisons, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (c, token) =>
        {
            var reply = await _stack.FeedbackClient.RecordComparisonAsync(StylesPopulation.Request(c), Deadline(token));
            Assert.False(reply.Duplicate);
        });
    }

    /// <summary>Waits until the adapter serves <paramref name="version"/> (the trainer trained it and ModelTrained arrived).</summary>
    private Task WaitForModelInAdapterAsync(string user, long version) => Eventually.ThatAsync(async () =>
    {
        try
        {
            var reply = await _stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = user }, Deadline(TestContext.Current.CancellationToken));
            return reply.Profile.ModelVersion >= version;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return false;
        }
    }, $"model {version} in force in the adapter", diagnostics: () => _stack.Logs);

    /// <summary>r_u(formal) - r_u(casual) for the probe of <paramref name="promptIndex"/>.</summary>
    private async Task<double> FormalMarginAsync(string user, int promptIndex)
    {
        var (prompt, formal, casual) = StylesPopulation.FormalityProbe(promptIndex);
        var reply = await _stack.AdapterClient.ScoreAsync(
            new ScoreRequest { UserId = user, Prompt = prompt, Responses = { formal, casual } }, Deadline(TestContext.Current.CancellationToken));
        return reply.Scores.Single(s => s.Index == 0).Reward - reply.Scores.Single(s => s.Index == 1).Reward;
    }
}
