using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

/// <summary>
/// The trainer on real Kestrel (an ephemeral 127.0.0.1 port) with its SQLite store in a temp folder, its bus replaced by
/// the MassTransit test harness (plus <see cref="ModelTrainedProbe"/>), and the settings of <see cref="Settings"/>.
/// </summary>
public abstract class TrainerServiceFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "attune-trainer-tests-" + Guid.NewGuid().ToString("N"));

    public GrpcChannel Channel { get; private set; } = null!;

    public TrainerService.TrainerServiceClient Client { get; private set; } = null!;

    /// <summary>The in-memory bus, recording every message.</summary>
    public ITestHarness Bus { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>
    /// Configuration on top of the defaults: no automatic retraining, small K, 100 comparisons minimum, and the hashing
    /// featurizer with the linear learner (fast; the configured choice has its own fixture and tests).
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Trainer:Featurizer"] = "hashing",
        ["Trainer:Learner"] = "linear",
        ["Trainer:AutoRetrain"] = "false",
        ["Trainer:MinComparisons"] = "100",
        ["Trainer:MaxAutoRank"] = "3",
    };

    public virtual async ValueTask InitializeAsync()
    {
        _factory = Start(DataDir, Settings);
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Channel = GrpcChannel.ForAddress(address);
        Client = new TrainerService.TrainerServiceClient(Channel);
        Bus = _factory.Services.GetTestHarness();
        await SeedAsync();
    }

    /// <summary>Runs once the service is up.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Starts a trainer on <paramref name="dataDir"/>; the caller disposes it.</summary>
    public static WebApplicationFactory<Program> Start(string dataDir, IReadOnlyDictionary<string, string> settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Attune:DataDir", dataDir).UseSetting("urls", "http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(services =>
            {
                services.AddSingleton<ModelTrainedProbe.Log>();
                services.AddMassTransitTestHarness(x => x.AddConsumer<ModelTrainedProbe>());
            });
        });
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
