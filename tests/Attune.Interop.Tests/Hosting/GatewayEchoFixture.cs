extern alias gateway;

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Attune.ServiceDefaults;
using gateway::Attune.Gateway.Extensions;
using gateway::Attune.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Attune.Interop.Tests.Hosting;

/// <summary>
/// The Attune EchoServer behind the gateway (services/gateway, wired as its Program.cs does, routing
/// attune.testing.v1.EchoService to the echo host): foreign clients reach the echo server only through the gateway,
/// with an API key.
/// </summary>
public sealed class GatewayEchoFixture : IEchoEndpoint, IAsyncDisposable
{
    private const string Key = "interop-test-key";
    private readonly Lazy<(AttuneEchoHost Echo, WebApplication Gateway, int Port)> _started = new(Start);

    /// <inheritdoc />
    public string Target => $"127.0.0.1:{_started.Value.Port}";

    /// <inheritdoc />
    public string? ApiKey => Key;

    /// <inheritdoc />
    public CancellationProbe Probe => _started.Value.Echo.Probe;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_started.IsValueCreated)
        {
            var (echo, gatewayApp, _) = _started.Value;
            await gatewayApp.StopAsync();
            await gatewayApp.DisposeAsync();
            await echo.DisposeAsync();
        }
    }

    private static (AttuneEchoHost, WebApplication, int) Start()
    {
        var echo = new AttuneEchoHost();
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Attune.Gateway", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Name"] = "interop",
            ["Gateway:ApiKeys:0:Sha256"] = ApiKeyRegistry.HashOf(Key),
            ["Gateway:ApiKeys:0:PermitsPerSecond"] = "100000",
            ["Gateway:ApiKeys:0:Burst"] = "100000",
            ["Gateway:Routes:attune.testing.v1.EchoService"] = $"http://{echo.Target}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.AddServiceDefaults();
        builder.AddGatewayServices();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGatewayServices();
        app.StartAsync().GetAwaiter().GetResult();
        return (echo, app, port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
