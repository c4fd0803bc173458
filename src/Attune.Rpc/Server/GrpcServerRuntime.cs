using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attune.Rpc;

/// <summary>What every call needs, resolved once: options, interceptors (singletons), logger, method registry.</summary>
internal sealed class GrpcServerRuntime
{
    private IServerInterceptor[]? _interceptors;

    public GrpcServerRuntime(IOptions<GrpcServerOptions> options, GrpcServiceRegistry registry, ILogger<GrpcServerRuntime> logger)
    {
        Options = options.Value;
        Options.Validate();
        Registry = registry;
        Logger = logger;
    }

    public GrpcServerOptions Options { get; }

    public GrpcServiceRegistry Registry { get; }

    public ILogger Logger { get; }

    public IServerInterceptor[] GetInterceptors(IServiceProvider services) =>
        _interceptors ??= Options.Interceptors
            .Select(t => (IServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, t))
            .ToArray();
}
