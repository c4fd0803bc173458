using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MassTransit.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Feedback.Tests;

/// <summary>The feedback service on real Kestrel (an ephemeral 127.0.0.1 port) with its SQLite store in a temp folder.</summary>
public sealed class FeedbackServiceFixture : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "attune-feedback-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    public GrpcChannel Channel { get; private set; } = null!;

    public FeedbackService.FeedbackServiceClient Client { get; private set; } = null!;

    /// <summary>The in-memory bus the service publishes to, recording every message.</summary>
    public ITestHarness Bus { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b
                .UseSetting("Attune:DataDir", _dataDir)
                .UseSetting("urls", "http://127.0.0.1:0")
                .ConfigureServices(services => services.AddMassTransitTestHarness()));
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Channel = GrpcChannel.ForAddress(address);
        Client = new FeedbackService.FeedbackServiceClient(Channel);
        Bus = _factory.Services.GetTestHarness();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Directory.Delete(_dataDir, recursive: true);
    }
}
