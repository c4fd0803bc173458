using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Rpc;

/// <summary>
/// Gets a service instance per call: from the request scope when the type is registered in DI, otherwise constructed
/// with its dependencies from that scope and disposed after the call. A type whose only constructor takes nothing is
/// constructed without creating a request scope at all.
/// </summary>
internal sealed class ServiceActivator<T>
    where T : class
{
    private readonly ObjectFactory<T>? _factory;
    private readonly IServiceProvider? _root;

    public ServiceActivator(IServiceProvider services)
    {
        var registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(T)) ?? false;
        _factory = registered ? null : ActivatorUtilities.CreateFactory<T>(Type.EmptyTypes);
        var constructors = typeof(T).GetConstructors();
        if (!registered && constructors.Length == 1 && constructors[0].GetParameters().Length == 0)
        {
            _root = services;
        }
    }

    public T Create(HttpContext http) =>
        _factory is null ? http.RequestServices.GetRequiredService<T>() : _factory(_root ?? http.RequestServices, null);

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
