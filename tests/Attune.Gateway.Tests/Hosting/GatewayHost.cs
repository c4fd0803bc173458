using Attune.Gateway.Extensions;
using Attune.Rpc;
using Attune.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// The gateway on real Kestrel, wired as its Program.cs does, on two free loopback ports: h2c gRPC and the HTTP/1.1 web
/// port (the page and the JSON face). Settings are the test keys plus <c>settings</c>.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int grpcPort, int webPort)
    {
        _app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        WebAddress = new Uri($"http://127.0.0.1:{webPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { MaxRetryAttempts = 1 });
    }

    /// <summary>The gRPC address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The web address.</summary>
    public Uri WebAddress { get; }

    /// <summary>A channel to the gRPC address (no retries, so every call reaches the gateway once).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a gateway with <paramref name="settings"/> on top of the test keys.</summary>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?> settings)
    {
        var grpcPort = Ports.Free();
        var webPort = Ports.Free();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Attune.Gateway", Args = [] });
        builder.Configuration.AddInMemoryCollection(TestKeys.Settings()
            .Concat(new Dictionary<string, string?> { ["Gateway:WebPort"] = webPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Concat(settings));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{grpcPort}", $"http://127.0.0.1:{webPort}");
        builder.AddServiceDefaults();
        builder.AddGatewayServices();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGatewayServices();
        await app.StartAsync();
        return new GatewayHost(app, grpcPort, webPort);
    }

    /// <summary>
    /// Call options carrying <paramref name="key"/> as x-api-key, cancelled by <paramref name="cancellationToken"/> or,
    /// when none is given, by the test's own token.
    /// </summary>
    public static CallOptions WithKey(string key, TimeSpan? timeout = null, CancellationToken? cancellationToken = null) => new()
    {
        Headers = new Metadata { { "x-api-key", key } },
        Deadline = timeout is { } t ? DateTime.UtcNow + t : null,
        CancellationToken = cancellationToken ?? TestContext.Current.CancellationToken,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
