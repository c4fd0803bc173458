using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>Describes one RPC for the client: its kind, names, response parser and whether retrying it is safe.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private UriCache? _uri;

    /// <summary>Creates a method description.</summary>
    /// <param name="type">The kind of method.</param>
    /// <param name="serviceName">The full service name, e.g. <c>attune.v1.FeedbackService</c>.</param>
    /// <param name="name">The method name, e.g. <c>RecordComparison</c>.</param>
    /// <param name="responseParser">Parses response messages, e.g. <c>RecordComparisonReply.Parser</c>.</param>
    /// <param name="idempotent">True when the call has no side effects, so a unary call failing with UNAVAILABLE may be retried.</param>
    public Method(MethodType type, string serviceName, string name, MessageParser<TResponse> responseParser, bool idempotent = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        ResponseParser = responseParser ?? throw new ArgumentNullException(nameof(responseParser));
        Idempotent = idempotent;
        FullName = "/" + serviceName + "/" + name;
    }

    /// <summary>The kind of method.</summary>
    public MethodType Type { get; }

    /// <summary>The full service name.</summary>
    public string ServiceName { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>The HTTP path, <c>/service/method</c>.</summary>
    public string FullName { get; }

    /// <summary>Parses response messages.</summary>
    public MessageParser<TResponse> ResponseParser { get; }

    /// <summary>True when retrying the call is safe.</summary>
    public bool Idempotent { get; }

    internal Uri GetUri(Uri address)
    {
        var cached = _uri;
        if (cached is not null && ReferenceEquals(cached.Address, address))
        {
            return cached.Full;
        }

        var full = new Uri(address, address.AbsolutePath.TrimEnd('/') + FullName);
        _uri = new UriCache(address, full);
        return full;
    }

    private sealed record UriCache(Uri Address, Uri Full);
}
