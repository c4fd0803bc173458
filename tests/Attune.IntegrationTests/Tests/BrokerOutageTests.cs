using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;

namespace Attune.IntegrationTests.Tests;

/// <summary>
/// Issue 4 and 11, faults: RabbitMQ stopped during ingest, and while a model is promoted, and started again. The broker is a private node (see
/// <see cref="PrivateRabbitMqNode"/>): stopping the shared one would break the other test assemblies running meanwhile.
/// </summary>
public sealed class BrokerOutageTests : StackTest
{
    private static readonly TimeSpan ModelCheck = TimeSpan.FromSeconds(2);
    private PrivateRabbitMqNode? _node;

    /// <summary>The adapter checks the trainer's model in force every 2 s, so a lost announcement is caught up quickly.</summary>
    protected override IReadOnlyDictionary<string, string> AdapterSettings { get; } = new Dictionary<string, string>
    {
        ["Adapter__ModelCheckInterval"] = "00:00:02",
    };

    /// <summary>
    /// 80 comparisons with the broker up, 80 with it stopped (every RecordComparison still succeeds: the outbox holds
    /// their events), 80 after it is back: each accepted comparison is stored once in the feedback service, the outbox
    /// drains, and the trainer's copy and the adapter's answers hold exactly the accepted comparisons.
    /// </summary>
    [Fact]
    public async Task BrokerStoppedDuringIngest_everyComparisonStoredOnceAndEveryEventDeliveredWhenBack()
    {
        var comparisons = StylesPopulation.Load(seed: 3, comparisonsPerUser: 10, prompts: 8).Comparisons;
        Assert.Equal(240, comparisons.Count);
        var accepted = new List<string>();

        accepted.AddRange(await RecordAsync(comparisons.Take(80)));
        await _node!.StopAppAsync();
        try
        {
            accepted.AddRange(await RecordAsync(comparisons.Skip(80).Take(80)));
            var pending = await Stores.PendingOutboxAsync();
            TestContext.Current.TestOutputHelper?.WriteLine($"{pending} events waiting in the outbox while the broker is down");
            Assert.True(pending >= 80, $"only {pending} events wait in the outbox after 80 comparisons recorded while the broker was down");
        }
        finally
        {
            await _node.StartAppAsync();
        }

        accepted.AddRange(await RecordAsync(comparisons.Skip(160)));

        await WaitForCopiesAsync();
        Assert.Equal(240, accepted.Distinct().Count());
        Assert.Equal(accepted.Order(), (await Stores.FeedbackIdsAsync()).Order());
        Assert.Equal(240, await Stores.OutboxCountAsync());
        var stats = await Stack.FeedbackClient.GetStatsAsync(new GetStatsRequest(), Deadline());
        Assert.Equal(240, stats.Comparisons);
        Assert.Equal(0, stats.PendingEvents);
    }

    /// <summary>
    /// Issue 11: a model promoted while the broker is down. Model 1 is trained and in force in the adapter; model 2,
    /// trained on the same feedback, is rejected by the gate (nothing new to learn); with the broker stopped an operator
    /// force-promotes it: the trainer's registry changes at once and its ModelPromoted waits in the model outbox; once
    /// the broker is back the adapter is on model 2 (by the announcement, or, when the broker's restart removed its
    /// temporary queue before the announcement arrived, by its periodic check of the trainer's model in force), and
    /// switched to it exactly once.
    /// </summary>
    [Fact]
    public async Task BrokerStoppedWhileAModelIsPromoted_adapterSwitchesWhenTheBrokerIsBack()
    {
        await RecordAsync(StylesPopulation.Load(seed: 5, comparisonsPerUser: 10, prompts: 8).Comparisons);
        await WaitForCopiesAsync();
        var first = await WatchToEndAsync((await Stack.TrainerClient.StartTrainingAsync(new StartTrainingRequest { Seed = 1 }, Deadline())).JobId);
        Assert.Equal(TrainingState.Succeeded, first.State);
        await WaitForModelInAdapterAsync(first.ModelVersion);
        var second = await WatchToEndAsync((await Stack.TrainerClient.StartTrainingAsync(new StartTrainingRequest { Seed = 2 }, Deadline())).JobId);
        var rejected = (await Stack.TrainerClient.GetModelAsync(new GetModelRequest { Version = second.ModelVersion }, Deadline())).Summary;
        Assert.Equal(ModelState.Rejected, rejected.State);
        Assert.Contains("nothing new to learn", rejected.StateReason, StringComparison.Ordinal);

        await _node!.StopAppAsync();
        try
        {
            var promoted = await Stack.TrainerClient.PromoteModelAsync(
                new PromoteModelRequest { Version = second.ModelVersion, Force = true, Reason = "during the outage" }, Deadline());
            Assert.True(promoted.Changed && promoted.Model.Forced);
            Assert.Equal(second.ModelVersion, (await Stack.TrainerClient.GetModelAsync(new GetModelRequest(), Deadline())).Summary.Version);
        }
        finally
        {
            await _node.StartAppAsync();
        }

        await WaitForModelInAdapterAsync(second.ModelVersion);

        // Exactly once: the outbox drains, and the adapter switched to each model once (by whichever came first, the
        // announcement or its own check), still once after three more checks and every announcement delivered.
        await Eventually.ThatAsync(async () => await Stores.PendingModelOutboxAsync() == 0, "the model outbox drained", diagnostics: () => Stack.Logs);
        Assert.Equal(2, await Stores.ModelPromotedCountAsync());
        await Task.Delay(3 * ModelCheck, TestContext.Current.CancellationToken);
        Assert.Equal(second.ModelVersion, await AdapterModelAsync());
        var log = Stack.Adapter.RecentOutput;
        Assert.Equal(1, Occurrences(log, $"Downloaded model {first.ModelVersion} "));
        Assert.Equal(1, Occurrences(log, $"Downloaded model {second.ModelVersion} "));
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    protected override async Task<Uri> StartBrokerAsync(List<IAsyncDisposable> resources)
    {
        _node = await PrivateRabbitMqNode.StartAsync();
        resources.Add(_node);
        return _node.Uri;
    }
}
