using Attune.Gateway.Grpc;
using Attune.Gateway.Health;
using Attune.Gateway.Options;
using Attune.Gateway.Proxy;
using Attune.Gateway.RateLimiting;
using Attune.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Attune.Gateway.Extensions;

/// <summary>
/// Wires the gateway: YARP from configuration (the embedded <c>routes.json</c> beneath every other source, then
/// <c>ReverseProxy</c>, <c>Services:*</c> and <c>Gateway:Routes</c>), the API key authentication scheme and its
/// authorization policy, the per-key rate limiter policy, reflection over every attune.v1 service, health checks of the
/// backends, and the two listeners. Call after AddServiceDefaults.
/// </summary>
public static class GatewayServiceExtensions
{
    /// <summary>Route metadata marking a JSON route outside <c>/v1/</c>, whose body <c>Gateway:MaxRestBodyBytes</c> limits.</summary>
    public const string JsonBodyMetadata = "JsonBody";

    /// <summary>Registers the gateway's services.</summary>
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new EmbeddedFileProvider(typeof(GatewayServiceExtensions).Assembly, "Attune.Gateway"),
            Path = "routes.json",
            Optional = false,
            ReloadOnChange = false,
        });
        var settings = new GatewayOptions();
        builder.Configuration.GetSection(GatewayOptions.Section).Bind(settings);
        settings.Validate();
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.Section))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();

        // Browsers speak HTTP/1.1 on plain TCP and gRPC clients h2c, and Kestrel cannot tell them apart on one plain
        // endpoint: the web port speaks HTTP/1.1, every other endpoint h2c only.
        var webPort = settings.WebPort;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Protocols = webPort != 0 && listen.IPEndPoint?.Port == webPort ? HttpProtocols.Http1 : HttpProtocols.Http2));

        // YARP logs each failed forward as a warning with the exception's stack; ForwardingErrors logs one line instead.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Error);

        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.Policy, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser());
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddRateLimiter(o => o.AddPolicy<string, ApiKeyRateLimiterPolicy>(ApiKeyDefaults.RateLimiterPolicy));

        builder.Services.AddSingleton<ForwardingErrors>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .LoadFromMemory([.. ExtraRoutes.Routes(settings)], [.. ExtraRoutes.Clusters(settings)])
            .AddConfigFilter<ServiceAddressFilter>()
            .AddTransforms<KeyHeadersTransform>();

        builder.Services.AddGatewayReflection();
        builder.AddBackendHealthChecks(settings);
        return builder;
    }

    /// <summary>
    /// Maps the pipeline: the page (embedded wwwroot; on the web port when there is one), authentication, authorization,
    /// rate limiting, the proxied routes (the JSON ones, /v1/... and those marked JsonBody, with their body limit; the
    /// forwarding error answers), <c>/healthz</c>.
    /// </summary>
    public static WebApplication MapGatewayServices(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
        if (app.Services.GetRequiredService<ApiKeyRegistry>().Count == 0)
        {
            app.Logger.LogWarning("No API keys are configured (Gateway:ApiKeys): every proxied call is refused.");
        }

        var page = new EmbeddedFileProvider(typeof(GatewayServiceExtensions).Assembly, "Attune.Gateway.wwwroot");
        app.UseWhen(c => settings.WebPort == 0 || c.Connection.LocalPort == settings.WebPort, web =>
        {
            web.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
            web.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        var errors = app.Services.GetRequiredService<ForwardingErrors>();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(errors.InvokeAsync);
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        }).ConfigureEndpoints((endpoint, route) =>
        {
            // The JSON routes: /v1/... and the RL trainer faces outside it (/get_reward, /classify), marked JsonBody.
            if (route.Match.Path?.StartsWith("/v1/", StringComparison.Ordinal) == true
                || route.Metadata?.GetValueOrDefault(JsonBodyMetadata) == "true")
            {
                endpoint.WithMetadata(new BodySizeLimit(settings.MaxRestBodyBytes));
            }
        });
        app.MapHealthChecks("/healthz");
        return app;
    }
}
