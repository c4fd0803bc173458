using Attune.ServiceDefaults;
using Grpc.AspNetCore.Server;

namespace Attune.EchoServer;

/// <summary>Builds the echo server, for <c>Program</c> and for tests that host it in process.</summary>
public static class EchoServerHost
{
    /// <summary>
    /// Builds (does not start) the server: EchoService, health and reflection on h2c. Pass <c>--urls http://127.0.0.1:0</c>
    /// for an ephemeral port (read it back from <c>app.Urls</c> after <c>StartAsync</c>).
    /// </summary>
    /// <param name="args">Command-line arguments (<c>--urls</c> and other host settings).</param>
    /// <param name="configureGrpc">Extra gRPC server options (limits, compression, interceptors).</param>
    /// <param name="configureBuilder">Extra service registrations before the app is built.</param>
    /// <param name="configureApp">Extra mappings (e.g. more test services) after the echo service is mapped.</param>
    public static WebApplication Build(
        string[] args,
        Action<GrpcServiceOptions>? configureGrpc = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(ServiceDefaultsExtensions.ConfigureKestrel);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc(o => configureGrpc?.Invoke(o));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        configureApp?.Invoke(app);
        return app;
    }

    /// <summary>
    /// Builds the echo service the way every Attune service hosts its API (<c>AddServiceDefaults</c>: the call telemetry
    /// interceptor, health checks, reflection, JSON transcoding, OpenAPI, readable logs, telemetry wiring), so a benchmark
    /// of it measures the stack the services run on, not a bare Grpc.AspNetCore.
    /// </summary>
    /// <param name="args">Command-line arguments (<c>--urls</c> and other host settings).</param>
    public static WebApplication BuildWithServiceDefaults(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<EchoService>();
        return app;
    }
}
