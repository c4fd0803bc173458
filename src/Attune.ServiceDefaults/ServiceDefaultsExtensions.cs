using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.OpenApi.Models;

namespace Attune.ServiceDefaults;

/// <summary>
/// What every Attune service shares: Kestrel speaking h2c, Grpc.AspNetCore (limits from the <c>Grpc</c> configuration
/// section, the call telemetry interceptor), the JSON face of the API from gRPC JSON transcoding (google.api.http rules
/// in protos/) with its OpenAPI document at <c>/openapi/v1.json</c>, grpc.health.v1 from ASP.NET Core health checks,
/// server reflection, OpenTelemetry (exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), console
/// logs with timestamps, and graceful shutdown on SIGTERM.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>How long in-flight calls get to finish after SIGTERM before the host stops.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Adds the shared services; call first in a service's Program.cs.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(ConfigureKestrel);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.AddReadableLogs();
        // Stateless: one instance for every call (Grpc.AspNetCore would otherwise create one per call).
        builder.Services.AddSingleton<CallTelemetryInterceptor>();
        builder.Services.AddGrpc(options =>
        {
            builder.Configuration.GetSection("Grpc").Bind(options);
            options.Interceptors.Add<CallTelemetryInterceptor>();
        }).AddJsonTranscoding(o =>
        {
            // The proto3 JSON mapping: int64 as strings, so a browser's doubles cannot round a version or a count.
            o.JsonSettings.WriteInt64sAsStrings = true;
        });
        builder.Services.AddGrpcReflection();
        // "self": the process answers; services add what they need (their store, a model) with AddServiceHealthCheck.
        builder.Services.AddGrpcHealthChecks().AddCheck(HealthExtensions.SelfCheck, () => HealthCheckResult.Healthy());
        // "self" as a service name: the process alone, for liveness probes (a store outage must not restart pods).
        builder.Services.Configure<GrpcHealthChecksOptions>(o =>
            o.Services.Map(HealthExtensions.SelfCheck, r => r.Name == HealthExtensions.SelfCheck));
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o =>
            o.SwaggerDoc("v1", new OpenApiInfo { Title = builder.Environment.ApplicationName, Version = "v1" }));
        builder.AddAttuneTelemetry();
        return builder;
    }

    /// <summary>Maps grpc.health.v1, server reflection (v1 and v1alpha) and the OpenAPI document.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// Runs the service until shutdown. A port that is already in use ends it with one line naming the address and exit
    /// code 2, instead of an unhandled exception's stack trace.
    /// </summary>
    public static void RunService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var name = app.Environment.ApplicationName;
        try
        {
            app.Run();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"{name}: {e.Message} Stop what holds the port, or pass --urls.");
            Environment.ExitCode = 2;
        }
    }

    /// <summary>
    /// Every endpoint speaks HTTP/2 only unless it says otherwise (h2c with prior knowledge, which is what gRPC clients
    /// send: Kestrel cannot detect h2c on an Http1AndHttp2 endpoint); the request-body rate limit that would end idle
    /// streams is lifted, and HTTP/2 is sized for many concurrent calls.
    /// </summary>
    public static void ConfigureKestrel(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
        options.AddServerHeader = false;
        options.Limits.MinRequestBodyDataRate = null;
        options.Limits.Http2.MaxStreamsPerConnection = 1000;
        options.Limits.Http2.InitialConnectionWindowSize = 2 * 1024 * 1024;
        options.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
        options.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(60);
        options.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
    }

    /// <summary>One line per entry with a UTC timestamp (<see cref="ReadableConsoleFormatter"/>).</summary>
    public static WebApplicationBuilder AddReadableLogs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = ReadableConsoleFormatter.Name)
            .AddConsoleFormatter<ReadableConsoleFormatter, ConsoleFormatterOptions>();
        // An unhealthy check is a state that grpc.health.v1 reports to probes and callers, not an error of the process:
        // the health check service would otherwise log it at Error on every check and every publisher run.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
        return builder;
    }
}
