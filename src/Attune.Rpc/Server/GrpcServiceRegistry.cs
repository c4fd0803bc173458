using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.Reflection;

namespace Attune.Rpc;

/// <summary>
/// The services mapped with <c>MapGrpcService</c>: a path-to-method dictionary read by the dispatcher, and the
/// descriptors served by reflection. Written at startup only, read afterwards.
/// </summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _serviceNames = new(StringComparer.Ordinal);
    private readonly List<ServiceDescriptor> _services = [];

    public IReadOnlyList<ServiceDescriptor> Services => _services;

    public void Add(ServiceDescriptor descriptor, IReadOnlyList<ServerMethod> methods)
    {
        lock (_methods)
        {
            if (!_serviceNames.Add(descriptor.FullName))
            {
                throw new InvalidOperationException($"gRPC service {descriptor.FullName} is mapped twice.");
            }

            _services.Add(descriptor);
            foreach (var method in methods)
            {
                _methods.Add(method.Path, method);
            }
        }
    }

    public bool TryGetMethod(string path, [NotNullWhen(true)] out ServerMethod? method) =>
        _methods.TryGetValue(path, out method);

    public bool HasService(string name) => _serviceNames.Contains(name);
}
