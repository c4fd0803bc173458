using Microsoft.Extensions.DependencyInjection;

namespace Attune.Rpc;

/// <summary>
/// Gets a service instance per call: from the request scope when the type is registered in DI, otherwise constructed
/// with its dependencies from that scope and disposed after the call.
/// </summary>
internal sealed class ServiceActivator<T>
    where T : class
{
    private readonly ObjectFactory<T>? _factory;

    public ServiceActivator(IServiceProvider services)
    {
        var registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(T)) ?? false;
        _factory = registered ? null : ActivatorUtilities.CreateFactory<T>(Type.EmptyTypes);
    }

    public T Create(IServiceProvider scope) =>
        _factory is null ? scope.GetRequiredService<T>() : _factory(scope, null);

    public ValueTask ReleaseAsync(T instance)
    {
        if (_factory is null)
        {
            return default;
        }

        if (instance is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (instance as IDisposable)?.Dispose();
        return default;
    }
}
