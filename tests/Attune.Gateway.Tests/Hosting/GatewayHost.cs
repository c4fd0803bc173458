using System.Globalization;
using Attune.Gateway.Extensions;
using Attune.ServiceDefaults;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// The gateway on real Kestrel, wired as its Program.cs does, on two free loopback ports: h2c gRPC and the HTTP/1.1 web
/// port. Settings are the test keys, the four attune.v1 services at a port nothing listens on (so no test reaches a
/// stray server on the default ports), then <c>settings</c>.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int grpcPort, int webPort)
    {
        _app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        WebAddress = new Uri($"http://127.0.0.1:{webPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
        {
            MaxRetryAttempts = 0,
            MaxReceiveMessageSize = Backend.MaxMessageBytes,
            MaxSendMessageSize = Backend.MaxMessageBytes,
        });
        Web = new HttpClient { BaseAddress = WebAddress };
    }

    /// <summary>The gRPC address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The web address (HTTP/1.1).</summary>
    public Uri WebAddress { get; }

    /// <summary>A channel to the gRPC address (no retries, so every call reaches the gateway once).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>An HTTP/1.1 client of the web address.</summary>
    public HttpClient Web { get; }

    /// <summary>An address nothing listens on.</summary>
    public static string Nowhere => $"http://127.0.0.1:{Ports.Free().ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Starts a gateway with <paramref name="settings"/> on top of the test keys.</summary>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?> settings)
    {
        var grpcPort = Ports.Free();
        var webPort = Ports.Free();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Attune.Gateway", Args = [] });
        var nowhere = Nowhere;
        var all = TestKeys.Settings();
        all["Gateway:WebPort"] = webPort.ToString(CultureInfo.InvariantCulture);
        all["Logging:LogLevel:Default"] = "Warning";
        foreach (var service in new[] { "Feedback", "Trainer", "Adapter", "Generator" })
        {
            all[$"Services:{service}"] = nowhere;
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.WebHost.UseUrls($"http://127.0.0.1:{grpcPort}", $"http://127.0.0.1:{webPort}");
        builder.AddServiceDefaults();
        builder.AddGatewayServices();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGatewayServices();
        await app.StartAsync();
        return new GatewayHost(app, grpcPort, webPort);
    }

    /// <summary>Call options carrying <paramref name="key"/> as x-api-key (none when null), cancelled with the test.</summary>
    public static CallOptions WithKey(string? key, TimeSpan? timeout = null) => new(
        headers: key is null ? [] : new Metadata { { "x-api-key", key } },
        deadline: timeout is { } t ? DateTime.UtcNow + t : null,
        cancellationToken: TestContext.Current.CancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Web.Dispose();
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
