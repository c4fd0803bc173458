using Grpc.Core;
using Grpc.Net.Client.Configuration;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using MethodDescriptor = Google.Protobuf.Reflection.MethodDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.ServiceDefaults;

/// <summary>
/// Service-to-service clients through Grpc.Net.ClientFactory: one typed client per peer whose address is configured
/// (<c>Services:Trainer</c>, ...), with gRPC's own retry policy (service config) on the peer's idempotent methods and the
/// deadline and cancellation of the server call in progress propagated to outgoing calls.
/// </summary>
public static class GrpcClientExtensions
{
    /// <summary>Attempts of an idempotent call, the first included.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// Registers <typeparamref name="TClient"/> for the address at <paramref name="addressKey"/> when it is set (an
    /// unset peer is simply not registered: resolve it with <c>GetService</c>, which then returns null). Fails at start
    /// with the key's name when the address is not absolute.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="addressKey">Configuration key of the peer's address, e.g. <c>Services:Trainer</c>.</param>
    /// <param name="service">The peer's service descriptor; its idempotent methods (<see cref="IsIdempotent"/>) are retried.</param>
    public static WebApplicationBuilder AddAttuneGrpcClient<TClient>(
        this WebApplicationBuilder builder, string addressKey, ServiceDescriptor service)
        where TClient : ClientBase
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        var address = builder.Configuration[addressKey];
        if (string.IsNullOrWhiteSpace(address))
        {
            return builder;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException(
                $"{addressKey} must be an absolute address such as http://127.0.0.1:5002; got '{address}'.");
        }

        builder.Services.AddGrpcClient<TClient>(o => o.Address = uri)
            .ConfigureChannel(o => o.ServiceConfig = RetryConfig(service))
            .EnableCallContextPropagation(o => o.SuppressContextNotFoundErrors = true);
        return builder;
    }

    /// <summary>
    /// The retry policy of a service's idempotent methods: up to <see cref="MaxAttempts"/> attempts on UNAVAILABLE,
    /// with exponential backoff from 100 ms to 1 s (gRPC adds the jitter). Other methods are not retried.
    /// </summary>
    public static ServiceConfig RetryConfig(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var retried = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = MaxAttempts,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var method in service.Methods.Where(IsIdempotent))
        {
            retried.Names.Add(new MethodName { Service = service.FullName, Method = method.Name });
        }

        return new ServiceConfig { MethodConfigs = { retried } };
    }

    /// <summary>Reads that change nothing: Get*, List*, Watch*, Download*, Score, Compare, NextQuery, Check.</summary>
    public static bool IsIdempotent(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = method.Name;
        return name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal)
            || name.StartsWith("Watch", StringComparison.Ordinal) || name.StartsWith("Download", StringComparison.Ordinal)
            || name is "Score" or "Compare" or "NextQuery" or "Check";
    }
}
