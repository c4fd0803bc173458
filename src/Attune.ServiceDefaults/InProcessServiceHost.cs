using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.ServiceDefaults;

/// <summary>
/// Builds one service in the current process exactly as its own Program.cs does (service defaults, the service's wiring,
/// health and reflection), in its own container, on its own 127.0.0.1 ports, with SQLite under a data folder, the
/// in-memory bus and quiet logs on top of environment variables, and optionally the <see cref="InProcessBusBridge"/>
/// that joins it to other services of the process. The embedded stack (<c>attune up</c>), benchmarks and tests host
/// services this way.
/// </summary>
public static class InProcessServiceHost
{
    /// <summary>The settings every in-process service shares: SQLite under the data folder, the in-memory bus, quiet logs.</summary>
    public static Dictionary<string, string?> CommonSettings(string dataDirectory) => new()
    {
        [StorageConfiguration.DataDirKey] = dataDirectory,
        ["Bus:Transport"] = BusOptions.InMemory,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Attune"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
    };

    /// <summary>
    /// The service <paramref name="applicationName"/> (e.g. <c>Attune.Feedback</c>, which names its queues) listening on
    /// every port of <paramref name="ports"/> (0: a free one), its content root and SQLite files in
    /// <paramref name="dataDirectory"/> (created when missing), <paramref name="settings"/> over the common ones.
    /// </summary>
    public static WebApplication Build(
        string applicationName,
        string dataDirectory,
        IReadOnlyList<int> ports,
        IDictionary<string, string?> settings,
        InProcessBusBridge? bridge,
        Action<WebApplicationBuilder> addServices,
        Action<WebApplication> mapServices)
    {
        ArgumentNullException.ThrowIfNull(addServices);
        ArgumentNullException.ThrowIfNull(mapServices);
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationName,
            ContentRootPath = dataDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(CommonSettings(dataDirectory).Concat(settings));
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
