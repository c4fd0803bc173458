using System.Net;
using System.Net.Sockets;
using Attune.Adapter.Extensions;
using Attune.Feedback.Extensions;
using Attune.Generator.Extensions;
using Attune.Storage;
using Microsoft.Extensions.DependencyInjection;
using Attune.ServiceDefaults;
using Attune.Trainer.Extensions;
using Microsoft.AspNetCore.Builder;

namespace Attune.Cli.Embedded;

/// <summary>
/// The embedded stack: feedback, trainer, adapter and generator in one process, each in its own container on its own
/// 127.0.0.1 port (as in production), with SQLite files under one data folder and their in-memory buses joined by an
/// <see cref="InProcessBusBridge"/>. The adapter calls the trainer and feedback over gRPC, and the generator the adapter,
/// as they do in production. The generator (port base + 3, no bus) has no LLM here: it serves its candidate pool (backend
/// "pool", the demo world's responses, then template responses for any question), a stand-in for an LLM backend.
/// </summary>
public sealed class EmbeddedStack : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;

    private EmbeddedStack(List<WebApplication> apps, Uri feedback, Uri trainer, Uri adapter, Uri generator, InProcessBusBridge bridge)
    {
        _apps = apps;
        Feedback = feedback;
        Trainer = trainer;
        Adapter = adapter;
        Generator = generator;
        Bridge = bridge;
    }

    /// <summary>The feedback service's address.</summary>
    public Uri Feedback { get; }

    /// <summary>The trainer's address.</summary>
    public Uri Trainer { get; }

    /// <summary>The adapter's address.</summary>
    public Uri Adapter { get; }

    /// <summary>The generator's address.</summary>
    public Uri Generator { get; }

    /// <summary>The bridge joining the services' buses.</summary>
    public InProcessBusBridge Bridge { get; }

    /// <summary>The services by name and address, in start order.</summary>
    public IReadOnlyList<(string Name, Uri Address)> Services =>
        [("trainer", Trainer), ("feedback", Feedback), ("adapter", Adapter), ("generator", Generator)];

    /// <summary>Starts the four services; stops the ones already started if one fails.</summary>
    public static async Task<EmbeddedStack> StartAsync(EmbeddedOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var ports = options.BasePort == 0
            ? [FreePort(), FreePort(), FreePort(), FreePort()]
            : new[] { options.BasePort, options.BasePort + 1, options.BasePort + 2, options.BasePort + 3 };
        var feedback = Address(ports[0]);
        var trainer = Address(ports[1]);
        var adapter = Address(ports[2]);
        var generator = Address(ports[3]);
        var bridge = new InProcessBusBridge(["feedback", "trainer", "adapter"]);

        // The generator's pool knows the demo world's responses (the texts do not depend on comparisons per user).
        var demoWorld = DemoPopulation.World(options.DemoComparisonsPerUser);

        var apps = new List<WebApplication>
        {
            ServiceHost.Build("Attune.Trainer", options, ports[1], new Dictionary<string, string?>(), bridge,
                b => b.AddTrainerServices(), a => a.MapTrainerServices()),
            ServiceHost.Build("Attune.Feedback", options, ports[0], new Dictionary<string, string?>(), bridge,
                b => b.AddFeedbackServices(), a => a.MapFeedbackServices()),
            ServiceHost.Build("Attune.Adapter", options, ports[2], new Dictionary<string, string?>
                {
                    ["Services:Trainer"] = trainer.ToString(),
                    ["Services:Feedback"] = feedback.ToString(),
                }, bridge,
                b => b.AddAdapterServices(), a => a.MapAdapterServices()),
            ServiceHost.Build("Attune.Generator", options, ports[3], new Dictionary<string, string?>
                {
                    ["Services:Adapter"] = adapter.ToString(),
                    ["Generator:Pool:StylesSeed"] = Invariant(demoWorld.Seed),
                    ["Generator:Pool:StylesPrompts"] = Invariant(demoWorld.Prompts),
                    ["Generator:Pool:StylesResponsesPerPrompt"] = Invariant(demoWorld.ResponsesPerPrompt),
                    ["Generator:Pool:StylesPairsPerPrompt"] = Invariant(demoWorld.PairsPerPrompt),
                }, bridge,
                b => b.AddGeneratorServices(), a => a.MapGeneratorServices()),
        };

        var started = new List<WebApplication>();
        try
        {
            foreach (var app in apps)
            {
                await app.StartAsync(cancellationToken);
                started.Add(app);
            }
        }
        catch
        {
            await StopAllAsync(started);
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            throw;
        }

        return new EmbeddedStack(apps, feedback, trainer, adapter, generator, bridge);
    }

    /// <summary>
    /// How many comparisons the trainer's own copy of the feedback holds (read in process from its store; the trainer's
    /// API does not expose it). The demo uses it to know when all of its feedback has reached the trainer.
    /// </summary>
    public Task<long> TrainerHoldsAsync(CancellationToken cancellationToken = default) =>
        _apps[0].Services.GetRequiredService<ITrainingDataStore>().CountSinceAsync(0, cancellationToken);

    /// <summary>Completes when any service's host begins to stop (SIGTERM, Ctrl+C, or a fatal error).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAny(_apps.Select(a => Task.Delay(Timeout.Infinite, a.Lifetime.ApplicationStopping)))
            .WaitAsync(cancellationToken)
            .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync(_apps);
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    // Reverse start order: the adapter stops calling the others first, the trainer last.
    private static async Task StopAllAsync(List<WebApplication> apps)
    {
        for (var i = apps.Count - 1; i >= 0; i--)
        {
            await apps[i].StopAsync(CancellationToken.None);
        }
    }

    private static Uri Address(int port) => new($"http://127.0.0.1:{port}");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
