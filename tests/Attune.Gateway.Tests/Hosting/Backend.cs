using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// A Grpc.AspNetCore backend in process on real Kestrel, h2c only, at a free loopback port (as the services listen),
/// with 32 MiB message limits and the gRPC services (and their JSON transcoding, int64 as strings as the proto3 JSON
/// mapping writes them) that <c>map</c> adds.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    /// <summary>The backends' largest message, both ways.</summary>
    public const int MaxMessageBytes = 32 * 1024 * 1024;

    private readonly WebApplication _app;

    private Backend(WebApplication app, int port)
    {
        _app = app;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The backend's address.</summary>
    public Uri Address { get; }

    /// <summary>The backend's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a backend; <paramref name="configure"/> registers services, <paramref name="map"/> maps them;
    /// <paramref name="maxMessageBytes"/> is its largest message both ways.
    /// </summary>
    public static async Task<Backend> StartAsync(Action<IServiceCollection> configure, Action<WebApplication> map, int maxMessageBytes = MaxMessageBytes)
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = maxMessageBytes;
            o.MaxSendMessageSize = maxMessageBytes;
        }).AddJsonTranscoding(o => o.JsonSettings.WriteInt64sAsStrings = true);
        configure(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new Backend(app, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
