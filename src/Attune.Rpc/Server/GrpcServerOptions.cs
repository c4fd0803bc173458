namespace Attune.Rpc;

/// <summary>Options of the gRPC server set with <c>services.AddGrpcServer(o => ...)</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The default message size limit in both directions: 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted (after decompression); larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Largest response message sent; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>
    /// Response message compression: null (none) or "gzip". Applied only when the client lists it in
    /// <c>grpc-accept-encoding</c>.
    /// </summary>
    public string? ResponseCompression { get; set; }

    /// <summary>Interceptor types, outermost first; each must implement <see cref="IServerInterceptor"/>.</summary>
    public IList<Type> Interceptors { get; } = [];

    /// <summary>Adds an interceptor type to the end of the chain.</summary>
    public GrpcServerOptions AddInterceptor<T>()
        where T : class, IServerInterceptor
    {
        Interceptors.Add(typeof(T));
        return this;
    }

    internal void Validate()
    {
        if (MaxReceiveMessageSize < 1 || MaxSendMessageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceiveMessageSize), "Message size limits must be at least 1 byte.");
        }

        if (ResponseCompression is not null and not Internal.GrpcProtocol.Gzip)
        {
            throw new ArgumentException($"ResponseCompression '{ResponseCompression}' is not supported; use null or \"gzip\".");
        }

        foreach (var type in Interceptors)
        {
            if (!typeof(IServerInterceptor).IsAssignableFrom(type))
            {
                throw new ArgumentException($"Interceptor {type} does not implement {nameof(IServerInterceptor)}.");
            }
        }
    }
}
