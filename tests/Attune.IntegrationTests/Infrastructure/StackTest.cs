using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// A test class with a stack of its own (xunit makes one instance per test): a fresh database, a fresh RabbitMQ virtual
/// host on the shared broker (or <see cref="StartBrokerAsync"/>'s choice), and the three services.
/// </summary>
public abstract class StackTest : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _resources = [];

    protected ServiceStack Stack { get; private set; } = null!;

    protected Stores Stores { get; private set; } = null!;

    /// <summary>The trainer's <c>Trainer__*</c> settings; by default it trains on request only, from 100 comparisons.</summary>
    protected virtual IReadOnlyDictionary<string, string> TrainerSettings { get; } = new Dictionary<string, string>
    {
        ["Trainer__AutoRetrain"] = "false",
        ["Trainer__MinComparisons"] = "100",
        ["Trainer__MaxAutoRank"] = "3",
    };

    /// <summary>
    /// Retraining by itself on the count condition only: every 480 new comparisons (from 200 stored), debounced 1 s, K at
    /// most 3.
    /// </summary>
    protected static IReadOnlyDictionary<string, string> RetrainEvery480 { get; } = new Dictionary<string, string>
    {
        ["Trainer__AutoRetrain"] = "true",
        ["Trainer__MinComparisons"] = "200",
        ["Trainer__RetrainMinNewComparisons"] = "480",
        ["Trainer__RetrainMinNewFraction"] = "0",
        ["Trainer__RetrainDebounce"] = "00:00:01",
        ["Trainer__MaxAutoRank"] = "3",
    };

    /// <summary>The adapter's <c>Adapter__*</c> settings beyond the stack's own; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string> AdapterSettings { get; } = new Dictionary<string, string>();

    /// <summary>Whether the stack has the gateway in front of it (<see cref="ServiceStack.Gateway"/>).</summary>
    protected virtual bool WithGateway => false;

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        _resources.Add(database);
        var bus = await StartBrokerAsync(_resources);
        Stores = new Stores(database);
        Stack = await ServiceStack.StartAsync(database, bus, TrainerSettings, WithGateway, AdapterSettings);
        _resources.Add(Stack);
    }

    public async ValueTask DisposeAsync()
    {
        // Services first, then what they used.
        for (var i = _resources.Count - 1; i >= 0; i--)
        {
            await _resources[i].DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The broker the services use; adds what it started to <paramref name="resources"/> (disposed last-in, first-out).</summary>
    protected virtual async Task<Uri> StartBrokerAsync(List<IAsyncDisposable> resources)
    {
        var vhost = await RabbitMqVirtualHost.CreateAsync();
        resources.Add(vhost);
        return vhost.Uri;
    }

    protected static CallOptions Deadline() =>
        new(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Records every comparison over gRPC (8 at a time); returns the stored ids.</summary>
    protected async Task<List<string>> RecordAsync(IEnumerable<Attune.Data.Comparison> comparisons)
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(comparisons, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (c, _) =>
        {
            var reply = await Stack.FeedbackClient.RecordComparisonAsync(StylesPopulation.Request(c), Deadline());
            Assert.False(reply.Duplicate);
            ids.Add(reply.ComparisonId);
        });
        return [.. ids];
    }

    /// <summary>Waits until the trainer's copy and the adapter's answers hold exactly the feedback service's comparisons.</summary>
    protected Task WaitForCopiesAsync() => Eventually.ThatAsync(async () =>
    {
        var stored = (await Stores.FeedbackIdsAsync()).Order().ToList();
        return await Stores.PendingOutboxAsync() == 0
               && stored.SequenceEqual((await Stores.TrainerCopyIdsAsync()).Order())
               && stored.SequenceEqual((await Stores.AdapterAnswerIdsAsync()).Order());
    }, "every stored comparison in the trainer's copy and the adapter's answers", diagnostics: () => Stack.Logs);

    /// <summary>Waits until the adapter serves <paramref name="version"/> or a newer model.</summary>
    protected Task WaitForModelInAdapterAsync(long version) => Eventually.ThatAsync(
        async () => await AdapterModelAsync() == version, $"model {version} in force in the adapter", diagnostics: () => Stack.Logs);

    /// <summary>The adapter's model in force, or 0 while it has none.</summary>
    protected async Task<long> AdapterModelAsync()
    {
        try
        {
            return (await Stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = "probe" }, Deadline())).Profile.ModelVersion;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return 0;
        }
    }

    /// <summary>Watches the job to its end and returns the final state.</summary>
    protected async Task<TrainingJob> WatchToEndAsync(string jobId)
    {
        using var call = Stack.TrainerClient.WatchTrainingJob(new WatchTrainingJobRequest { JobId = jobId },
            new CallOptions(deadline: DateTime.UtcNow + Eventually.DefaultTimeout, cancellationToken: TestContext.Current.CancellationToken));
        TrainingJob? last = null;
        await foreach (var update in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            last = update.Job;
        }

        return last ?? throw new InvalidOperationException($"WatchTrainingJob {jobId} sent nothing.");
    }
}
