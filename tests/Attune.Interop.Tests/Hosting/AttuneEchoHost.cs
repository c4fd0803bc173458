using System.Net;
using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Interop.Tests.Hosting;

/// <summary>
/// The Attune EchoServer (tests/Attune.EchoServer) in process, on real Kestrel h2c at a free loopback port, so that
/// foreign clients can reach it. Adds a <see cref="CancellationProbe"/> interceptor and optional server options.
/// </summary>
public sealed class AttuneEchoHost : WebApplicationFactory<Program>
{
    private readonly Action<GrpcServiceOptions>? _configure;

    /// <summary>Creates a host; <paramref name="configure"/> adjusts the server options (message limits, compression).</summary>
    public AttuneEchoHost(Action<GrpcServiceOptions>? configure = null)
    {
        _configure = configure;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var address = new Uri(addresses.Addresses.First());
        Port = address.Port;
    }

    /// <summary>The port Kestrel listens on.</summary>
    public int Port { get; }

    /// <summary>The target as a python or Go client writes it.</summary>
    public string Target => $"127.0.0.1:{Port}";

    /// <summary>The probe recording server-side cancellations.</summary>
    public CancellationProbe Probe => Services.GetRequiredService<CancellationProbe>();

    /// <summary>The health check deciding <see cref="SwitchableHealthCheck.Service"/>'s status.</summary>
    public SwitchableHealthCheck Health => Services.GetRequiredService<SwitchableHealthCheck>();

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<CancellationProbe>();
            services.AddSingleton<SwitchableHealthCheck>();
            services.AddHealthChecks().AddCheck<SwitchableHealthCheck>("echo", tags: [SwitchableHealthCheck.Service]);
            services.Configure<GrpcHealthChecksOptions>(o =>
                o.Services.Map(SwitchableHealthCheck.Service, r => r.Tags.Contains(SwitchableHealthCheck.Service)));
            // Watch streams what the health check publisher last saw: publish often, so a test sees each change.
            services.Configure<HealthCheckPublisherOptions>(o =>
            {
                o.Delay = TimeSpan.Zero;
                o.Period = TimeSpan.FromSeconds(1);
            });
            services.AddGrpc(o =>
            {
                o.Interceptors.Add<CancellationProbe>();
                _configure?.Invoke(o);
            });
        });
    }
}
