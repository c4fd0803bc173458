using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.Adapter.Tests;

/// <summary>The fake trainer and feedback services on one Kestrel server (an ephemeral 127.0.0.1 port), hosted with Grpc.AspNetCore.</summary>
public sealed class PeerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PeerHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public PeerState State => _app.Services.GetRequiredService<PeerState>();

    /// <summary>http://127.0.0.1:port.</summary>
    public string Address { get; }

    public static async Task<PeerHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(Attune.ServiceDefaults.ServiceDefaultsExtensions.ConfigureKestrel).UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<PeerState>();
        var app = builder.Build();
        app.MapGrpcService<FakeTrainer>();
        app.MapGrpcService<FakeFeedback>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PeerHost(app, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
