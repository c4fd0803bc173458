using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Attune.Adapter.Extensions;
using Attune.Feedback.Extensions;
using Attune.Gateway.Extensions;
using Attune.Gateway.Security;
using Attune.Generator.Extensions;
using Attune.Storage;
using Microsoft.Extensions.DependencyInjection;
using Attune.ServiceDefaults;
using Attune.Trainer.Extensions;
using Microsoft.AspNetCore.Builder;

namespace Attune.Cli.Embedded;

/// <summary>
/// The embedded stack: feedback, trainer, adapter, generator and the gateway in one process, each in its own container on
/// its own 127.0.0.1 port (as in production), with SQLite files under one data folder and their in-memory buses joined by
/// an <see cref="InProcessBusBridge"/>. The adapter calls the trainer and feedback over gRPC, the generator the adapter,
/// as they do in production, and the gateway forwards to all of them. The generator has no LLM here: it serves its
/// candidate pool (backend "pool": for any question, the demo world's 16 answers to it), a stand-in for an LLM backend. The gateway accepts one demo API key, made fresh for each run and known only to this process: the page
/// URL carries it in its fragment (never sent to a server), and the page keeps it for the tab.
/// </summary>
public sealed class EmbeddedStack : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;

    private EmbeddedStack(
        List<WebApplication> apps, Uri feedback, Uri trainer, Uri adapter, Uri generator, Uri gateway, Uri web, string demoKey,
        InProcessBusBridge bridge)
    {
        _apps = apps;
        Feedback = feedback;
        Trainer = trainer;
        Adapter = adapter;
        Generator = generator;
        Gateway = gateway;
        Web = web;
        DemoKey = demoKey;
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

    /// <summary>The gateway's gRPC address (h2c).</summary>
    public Uri Gateway { get; }

    /// <summary>The gateway's web address (HTTP/1.1): the page and the JSON face.</summary>
    public Uri Web { get; }

    /// <summary>The API key the gateway accepts in this run (send it as x-api-key).</summary>
    public string DemoKey { get; }

    /// <summary>The page's URL with the demo key in its fragment.</summary>
    public Uri PageUrl => new($"{Web}#key={DemoKey}");

    /// <summary>The bridge joining the services' buses.</summary>
    public InProcessBusBridge Bridge { get; }

    /// <summary>The services by name and address, in start order.</summary>
    public IReadOnlyList<(string Name, Uri Address)> Services =>
        [("trainer", Trainer), ("feedback", Feedback), ("adapter", Adapter), ("generator", Generator), ("gateway", Gateway), ("page", Web)];

    /// <summary>
    /// Starts the services; stops the ones already started if one fails. With <see cref="EmbeddedOptions.BasePort"/> 0 the
    /// ports are chosen free; a port another process takes between that choice and the bind is chosen again (at most
    /// <see cref="FreePortAttempts"/> times), since the services must know each other's addresses before they start.
    /// </summary>
    public static async Task<EmbeddedStack> StartAsync(EmbeddedOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        if (options.BasePort != 0)
        {
            return await StartOnceAsync(options, [.. Enumerable.Range(options.BasePort, 6)], cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(options, [FreePort(), FreePort(), FreePort(), FreePort(), FreePort(), FreePort()], cancellationToken);
            }
            catch (IOException e) when (attempt < FreePortAttempts && IsAddressInUse(e))
            {
                // A free port was taken by another process before the bind; choose again.
            }
        }
    }

    /// <summary>How many times free ports are chosen before a lost bind race is reported.</summary>
    public const int FreePortAttempts = 5;

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is Microsoft.AspNetCore.Connections.AddressInUseException
                or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<EmbeddedStack> StartOnceAsync(EmbeddedOptions options, int[] ports, CancellationToken cancellationToken)
    {
        var feedback = Address(ports[0]);
        var trainer = Address(ports[1]);
        var adapter = Address(ports[2]);
        var generator = Address(ports[3]);
        var gateway = Address(ports[4]);
        var web = Address(ports[5]);
        var demoKey = "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var bridge = new InProcessBusBridge(["feedback", "trainer", "adapter"]);


        var apps = new List<WebApplication>
        {
            // The demo's first model with the hashing featurizer and the linear learner, whatever the trainer's default:
            // composite + neural took about three times as long to start on a 2-core machine (docs/evaluation.md, "attune up").
            InProcessServiceHost.Build("Attune.Trainer", options.DataDirectory, [ports[1]], new Dictionary<string, string?>
                {
                    ["Trainer:Featurizer"] = "hashing",
                    ["Trainer:Learner"] = "linear",
                }, bridge,
                b => b.AddTrainerServices(), a => a.MapTrainerServices()),
            InProcessServiceHost.Build("Attune.Feedback", options.DataDirectory, [ports[0]], new Dictionary<string, string?>(), bridge,
                b => b.AddFeedbackServices(), a => a.MapFeedbackServices()),
            InProcessServiceHost.Build("Attune.Adapter", options.DataDirectory, [ports[2]], new Dictionary<string, string?>
                {
                    ["Services:Trainer"] = trainer.ToString(),
                    ["Services:Feedback"] = feedback.ToString(),
                }, bridge,
                b => b.AddAdapterServices(), a => a.MapAdapterServices()),
            InProcessServiceHost.Build("Attune.Generator", options.DataDirectory, [ports[3]], new Dictionary<string, string?>
                {
                    ["Services:Adapter"] = adapter.ToString(),
                    // The pool answers any question with the demo world's 16 answers to it (a stand-in for an LLM).
                    ["Generator:Pool:World"] = "demo",
                }, bridge,
                b => b.AddGeneratorServices(), a => a.MapGeneratorServices()),
            InProcessServiceHost.Build("Attune.Gateway", options.DataDirectory, [ports[4], ports[5]], new Dictionary<string, string?>
                {
                    ["Services:Feedback"] = feedback.ToString(),
                    ["Services:Trainer"] = trainer.ToString(),
                    ["Services:Adapter"] = adapter.ToString(),
                    ["Services:Generator"] = generator.ToString(),
                    ["Gateway:WebPort"] = Invariant(ports[5]),
                    ["Gateway:ApiKeys:0:Name"] = "demo",
                    ["Gateway:ApiKeys:0:Sha256"] = ApiKeyRegistry.HashOf(demoKey),
                }, bridge,
                b => b.AddGatewayServices(), a => a.MapGatewayServices()),
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

        return new EmbeddedStack(apps, feedback, trainer, adapter, generator, gateway, web, demoKey, bridge);
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
