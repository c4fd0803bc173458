using Attune.Gateway.Forwarding;
using Attune.Gateway.Options;
using Attune.Gateway.Relay;
using Attune.Gateway.Rest;
using Attune.Gateway.Security;
using Attune.Rpc;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.FileProviders;

namespace Attune.Gateway.Extensions;

/// <summary>
/// Wires the gateway: settings (<c>Gateway</c>), API keys and their rate limits, the backend routes (<c>Services:*</c>,
/// <c>Gateway:Routes</c>), the gRPC forwarder in front of the pipeline, the JSON face and the page. Call after
/// AddServiceDefaults (which sets up the gateway's own gRPC server: health and reflection).
/// </summary>
public static class GatewayServiceExtensions
{
    /// <summary>Registers the gateway's services.</summary>
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new GatewayOptions();
        builder.Configuration.GetSection(GatewayOptions.Section).Bind(settings);
        settings.Validate();
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.Section))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();

        // Browsers speak HTTP/1.1 on plain TCP and gRPC clients h2c, and Kestrel cannot tell them apart on one plain
        // endpoint: the web port speaks HTTP/1.1, every other endpoint h2c only, and there the relay takes each
        // connection from Kestrel as it is accepted, except its own loopback connections to the gateway's server.
        var webPort = settings.WebPort;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (webPort != 0 && listen.IPEndPoint?.Port == webPort)
            {
                listen.Protocols = HttpProtocols.Http1;
                return;
            }

            listen.Protocols = HttpProtocols.Http2;
            var relay = listen.ApplicationServices.GetRequiredService<Http2Relay>();
            listen.Use(next => connection => relay.IsOwnConnection(connection) ? next(connection) : relay.OnConnectedAsync(connection));
        }));

        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddSingleton<BackendRoutes>();
        builder.Services.AddSingleton<BackendInvoker>();
        builder.Services.AddSingleton<Http2Relay>();
        builder.Services.AddSingleton<RestBackends>();
        builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, GatewayStartupFilter>());
        return builder;
    }

    /// <summary>Maps the JSON face, <c>/healthz</c> and the page (<c>/</c>, from the assembly's embedded wwwroot).</summary>
    public static WebApplication MapGatewayServices(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var health = app.Services.GetRequiredService<HealthStatusRegistry>();
        var keys = app.Services.GetRequiredService<ApiKeyRegistry>();
        if (keys.Count == 0)
        {
            app.Logger.LogWarning("No API keys are configured (Gateway:ApiKeys): every call but health is refused.");
        }

        var page = new EmbeddedFileProvider(typeof(GatewayServiceExtensions).Assembly, "Attune.Gateway.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.MapGet("/healthz", () => health.TryGetStatus(HealthStatusRegistry.Overall, out var status)
                && status == Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
            ? Results.Text("SERVING")
            : Results.Text("NOT_SERVING", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapRestApi();
        return app;
    }
}
