using Attune.Cli.Embedded;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Embedded.Tests;

/// <summary>
/// One embedded stack for the class, started in process as <c>attune up</c> starts it (free ports, a temp data folder),
/// seeded with the demo population and waited on until the adapter serves the first model.
/// </summary>
public sealed class EmbeddedStackFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("attune-embedded-").FullName;

    public EmbeddedStack Stack { get; private set; } = null!;

    public GrpcChannel Feedback { get; private set; } = null!;

    public GrpcChannel Trainer { get; private set; } = null!;

    public GrpcChannel Adapter { get; private set; } = null!;

    /// <summary>Comparisons the demo seeding stored.</summary>
    public long Seeded { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Stack = await EmbeddedStack.StartAsync(new EmbeddedOptions(_dataDir, basePort: 0, demoComparisonsPerUser: 20), timeout.Token);
        Feedback = GrpcChannel.ForAddress(Stack.Feedback);
        Trainer = GrpcChannel.ForAddress(Stack.Trainer);
        Adapter = GrpcChannel.ForAddress(Stack.Adapter);
        Seeded = await DemoPopulation.SeedAsync(Feedback, 20, timeout.Token);
        await DemoPopulation.WaitForModelAsync(Trainer, Adapter, Seeded, Stack.TrainerHoldsAsync, new Progress<string>(), timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Feedback?.Dispose();
        Trainer?.Dispose();
        Adapter?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        Directory.Delete(_dataDir, recursive: true);
    }
}
