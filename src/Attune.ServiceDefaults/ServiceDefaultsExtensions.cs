using Attune.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Attune.ServiceDefaults;

/// <summary>
/// What every Attune service shares: Kestrel speaking h2c gRPC, the gRPC server (limits from the <c>Grpc</c>
/// configuration section), call telemetry (exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), graceful
/// shutdown on SIGTERM, and grpc.health.v1 plus server reflection.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>How long in-flight calls get to finish after SIGTERM before the host stops.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Adds the shared services; call first in a service's Program.cs.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureGrpcKestrel();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddGrpcServer(options =>
        {
            builder.Configuration.GetSection("Grpc").Bind(options);
            options.AddInterceptor<CallTelemetryInterceptor>();
        });
        builder.AddTelemetry();
        return builder;
    }

    /// <summary>Maps grpc.health.v1 and server reflection (v1 and v1alpha) over every mapped service.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcHealth();
        app.MapGrpcReflection();
        return app;
    }

    private static void AddTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(t => t.AddSource(CallTelemetryInterceptor.ActivitySourceName).AddOtlpExporter())
            .WithMetrics(m => m.AddMeter(CallTelemetryInterceptor.MeterName).AddOtlpExporter());
    }
}
