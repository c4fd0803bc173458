using Attune.EchoServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>A real Kestrel server on an ephemeral 127.0.0.1 port, with channels to it.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly List<GrpcChannel> _channels = [];

    private TestHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The echo server as colleagues run it, with optional extra options and mappings.</summary>
    public static Task<TestHost> StartEchoAsync(
        Action<GrpcServerOptions>? grpc = null,
        Action<WebApplicationBuilder>? builder = null,
        Action<WebApplication>? app = null) =>
        StartAsync(EchoServerHost.Build(["--urls", "http://127.0.0.1:0"], grpc, builder, app));

    /// <summary>A server with only the services <paramref name="map"/> maps (plus health).</summary>
    public static Task<TestHost> StartCustomAsync(
        Action<WebApplication> map,
        Action<GrpcServerOptions>? grpc = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplicationBuilder>? builder = null)
    {
        var webBuilder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        webBuilder.WebHost.ConfigureGrpcKestrel();
        webBuilder.Logging.SetMinimumLevel(LogLevel.Critical);
        webBuilder.Services.AddGrpcServer(grpc);
        webBuilder.Services.AddSingleton<CallProbe>();
        services?.Invoke(webBuilder.Services);
        builder?.Invoke(webBuilder);
        var app = webBuilder.Build();
        map(app);
        return StartAsync(app);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null)
    {
        var channel = GrpcChannel.ForAddress(Address, options);
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_channels)
        {
            _channels.ForEach(c => c.Dispose());
        }

        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    private static async Task<TestHost> StartAsync(WebApplication app)
    {
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address));
    }
}
