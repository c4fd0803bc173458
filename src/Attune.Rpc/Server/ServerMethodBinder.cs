using System.Reflection;
using Google.Protobuf.Reflection;

namespace Attune.Rpc;

/// <summary>Binds a service class's methods to its descriptor at startup, failing with the expected signature.</summary>
internal static class ServerMethodBinder
{
    public static IReadOnlyList<ServerMethod> Bind<TService>(ServiceDescriptor descriptor, IServiceProvider services)
        where TService : class
    {
        var activator = new ServiceActivator<TService>(services);
        var bound = new List<ServerMethod>(descriptor.Methods.Count);
        foreach (var method in descriptor.Methods)
        {
            bound.Add(BindMethod(typeof(TService), descriptor, method, activator));
        }

        return bound;
    }

    private static ServerMethod BindMethod(Type serviceType, ServiceDescriptor service, MethodDescriptor method, object activator)
    {
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        var (kind, parameters, returns, open) = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => (MethodType.Unary, new[] { request, typeof(ServerCallContext) },
                typeof(Task<>).MakeGenericType(response), typeof(UnaryServerMethod<,,>)),
            (false, true) => (MethodType.ServerStreaming,
                new[] { request, typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext) },
                typeof(Task), typeof(ServerStreamingServerMethod<,,>)),
            (true, false) => (MethodType.ClientStreaming,
                new[] { typeof(IAsyncStreamReader<>).MakeGenericType(request), typeof(ServerCallContext) },
                typeof(Task<>).MakeGenericType(response), typeof(ClientStreamingServerMethod<,,>)),
            (true, true) => (MethodType.DuplexStreaming,
                new[]
                {
                    typeof(IAsyncStreamReader<>).MakeGenericType(request),
                    typeof(IServerStreamWriter<>).MakeGenericType(response), typeof(ServerCallContext),
                },
                typeof(Task), typeof(DuplexStreamingServerMethod<,,>)),
        };

        var info = serviceType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters);
        if (info is null || info.ReturnType != returns)
        {
            var expected = $"public {Name(returns)} {method.Name}({string.Join(", ", parameters.Select(Name))})";
            throw new InvalidOperationException(
                $"{serviceType.FullName} cannot serve {service.FullName}/{method.Name} ({kind}): it needs a method `{expected}`"
                + (info is null ? "." : $", but it returns {Name(info.ReturnType)}."));
        }

        var path = "/" + service.FullName + "/" + method.Name;
        var parser = method.InputType.Parser;
        var type = open.MakeGenericType(serviceType, request, response);
        return (ServerMethod)Activator.CreateInstance(type, path, service.FullName, info, parser, activator)!;
    }

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
