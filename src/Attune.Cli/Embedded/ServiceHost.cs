using Attune.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Cli.Embedded;

/// <summary>
/// Builds one service of the embedded stack exactly as its own Program.cs does (service defaults, the service's wiring,
/// health and reflection), in its own container and on its own port, with the embedded configuration on top of
/// environment variables and the bus bridge that joins it to the others.
/// </summary>
internal static class ServiceHost
{
    /// <summary>The settings every embedded service shares: SQLite under the data folder, the in-memory bus, quiet logs.</summary>
    public static Dictionary<string, string?> CommonSettings(EmbeddedOptions options) => new()
    {
        [StorageConfiguration.DataDirKey] = options.DataDirectory,
        ["Bus:Transport"] = BusOptions.InMemory,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Attune"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
    };

    public static WebApplication Build(
        string applicationName,
        EmbeddedOptions options,
        int port,
        IDictionary<string, string?> settings,
        InProcessBusBridge? bridge,
        Action<WebApplicationBuilder> addServices,
        Action<WebApplication> mapServices) =>
        Build(applicationName, options, [port], settings, bridge, addServices, mapServices);

    /// <summary>As above, listening on every port of <paramref name="ports"/> (the gateway: gRPC and web).</summary>
    public static WebApplication Build(
        string applicationName,
        EmbeddedOptions options,
        int[] ports,
        IDictionary<string, string?> settings,
        InProcessBusBridge? bridge,
        Action<WebApplicationBuilder> addServices,
        Action<WebApplication> mapServices)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationName,
            ContentRootPath = options.DataDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(CommonSettings(options).Concat(settings));
        builder.WebHost.UseUrls([.. ports.Select(p => $"http://127.0.0.1:{p}")]);
        if (bridge is not null)
        {
            builder.Services.AddSingleton(bridge);
        }

        builder.AddServiceDefaults();
        addServices(builder);

        var app = builder.Build();
        app.MapServiceDefaults();
        mapServices(app);
        return app;
    }
}
