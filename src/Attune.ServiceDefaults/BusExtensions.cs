using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.ServiceDefaults;

/// <summary>
/// MassTransit on RabbitMQ (production) or its in-memory transport (embedded), chosen by <see cref="BusOptions"/>.
/// Receive endpoints are durable queues named after the service and the consumer (kebab case, e.g.
/// <c>adapter-feedback-recorded</c>), created when the service starts: two services consuming the same event each get
/// their own queue and every event, instead of sharing one queue and splitting the events.
/// </summary>
public static class BusExtensions
{
    /// <summary>Adds the bus with the consumers <paramref name="consumers"/> registers.</summary>
    public static WebApplicationBuilder AddAttuneBus(
        this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new BusOptions();
        builder.Configuration.GetSection("Bus").Bind(options);
        options.Validate();

        var rabbit = options.Transport.Trim().Equals(BusOptions.RabbitMq, StringComparison.OrdinalIgnoreCase);
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor over HTTPS unless told not to; Attune makes no connection the
            // operator did not configure.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(ServicePrefix(builder), includeNamespace: false));
            consumers?.Invoke(bus);
            if (rabbit)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMqUri!));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });

        if (!rabbit && FindBridge(builder.Services) is { } bridge)
        {
            var member = ServicePrefix(builder);
            builder.Services.AddPublishObserver(_ => new BridgePublishObserver(bridge, member));
            builder.Services.AddHostedService(sp => new BridgeMembership(bridge, member, sp.GetRequiredService<IBus>()));
        }

        // Consumers must have their bindings before anything is published to them (ENVIRONMENT.md: unbound publishes
        // are dropped by the broker), so the host waits for the bus to start.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    /// <summary>
    /// The <see cref="InProcessBusBridge"/> the host registered as an instance before adding the service (the embedded
    /// stack does), or null when the service runs on its own.
    /// </summary>
    private static InProcessBusBridge? FindBridge(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(InProcessBusBridge))?.ImplementationInstance as InProcessBusBridge;

    /// <summary>"Attune.Adapter" → "adapter": the service's application name, which names its queues.</summary>
    private static string ServicePrefix(WebApplicationBuilder builder)
    {
        var name = builder.Environment.ApplicationName;
        return name[(name.LastIndexOf('.') + 1)..].ToLowerInvariant();
    }
}
