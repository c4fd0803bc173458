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

namespace Attune.Adapter.Tests;

/// <summary>
/// The adapter on real Kestrel (an ephemeral 127.0.0.1 port) with its SQLite store in a temp folder, the MassTransit
/// test harness as its bus, and the in-test trainer and feedback peers; <see cref="WithModel"/> decides whether the
/// trainer has model 1 before the adapter starts.
/// </summary>
public abstract class AdapterFixture : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "attune-adapter-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    protected abstract bool WithModel { get; }

    public PeerHost Peers { get; private set; } = null!;

    /// <summary>The adapter's data folder (its SQLite database).</summary>
    public string DataDir => _dataDir;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>The adapter's address (h2c).</summary>
    public Uri Address { get; private set; } = null!;

    public AdapterService.AdapterServiceClient Client { get; private set; } = null!;

    /// <summary>The in-memory bus the adapter consumes from.</summary>
    public ITestHarness Bus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Peers = await PeerHost.StartAsync();
        if (WithModel)
        {
            Peers.State.Models[1] = TestModels.First;
        }

        _factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b
                .UseSetting("Attune:DataDir", _dataDir)
                .UseSetting("Services:Trainer", Peers.Address)
                .UseSetting("Services:Feedback", Peers.Address)
                .UseSetting("urls", "http://127.0.0.1:0")
                .ConfigureServices(services => services.AddMassTransitTestHarness()));
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        Channel = GrpcChannel.ForAddress(address);
        Client = new AdapterService.AdapterServiceClient(Channel);
        Bus = _factory.Services.GetTestHarness();
        if (WithModel)
        {
            await Eventually.ThatAsync(async () => (await TryGetProfileAsync("probe"))?.ModelVersion == 1, "model 1 in force");
        }
    }

    /// <summary>The profile, or null while no model is in force.</summary>
    public async Task<Profile?> TryGetProfileAsync(string user)
    {
        try
        {
            return (await Client.GetProfileAsync(new GetProfileRequest { UserId = user })).Profile;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (Peers is not null)
        {
            await Peers.DisposeAsync();
        }

        Directory.Delete(_dataDir, recursive: true);
    }
}

/// <summary>The trainer serves model 1 from the start.</summary>
public sealed class ModelAdapterFixture : AdapterFixture
{
    protected override bool WithModel => true;
}

/// <summary>The trainer has no model yet.</summary>
public sealed class NoModelAdapterFixture : AdapterFixture
{
    protected override bool WithModel => false;
}
