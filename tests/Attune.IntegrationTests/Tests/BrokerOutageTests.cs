using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;

namespace Attune.IntegrationTests.Tests;

/// <summary>
/// Issue 4, faults: RabbitMQ stopped during ingest and started again. The broker is a private node (see
/// <see cref="PrivateRabbitMqNode"/>): stopping the shared one would break the other test assemblies running meanwhile.
/// </summary>
public sealed class BrokerOutageTests : StackTest
{
    private PrivateRabbitMqNode? _node;

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

    protected override async Task<Uri> StartBrokerAsync(List<IAsyncDisposable> resources)
    {
        _node = await PrivateRabbitMqNode.StartAsync();
        resources.Add(_node);
        return _node.Uri;
    }
}
