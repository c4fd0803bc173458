using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Attune.ServiceDefaults;

/// <summary>
/// Traces and metrics through OpenTelemetry: ASP.NET Core (every gRPC and JSON call), the gRPC client and HttpClient,
/// MassTransit, Npgsql, the .NET runtime and Attune's own meters. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is configured; when it is not, nothing is registered at all, so nothing is collected and no connection is attempted.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The configuration key of the collector's address (the OpenTelemetry SDK's own variable).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>MassTransit's activity source and meter.</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>Adds OpenTelemetry when an OTLP endpoint is configured.</summary>
    public static WebApplicationBuilder AddAttuneTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(MassTransitSource)
                .AddNpgsql())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(CallTelemetryInterceptor.MeterName, MassTransitSource, "Npgsql"))
            .UseOtlpExporter();
        return builder;
    }
}
