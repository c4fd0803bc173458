namespace Attune.Rpc;

/// <summary>A bidirectional-streaming call: write to <see cref="RequestStream"/> while reading <see cref="ResponseStream"/>.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _call;

    internal AsyncDuplexStreamingCall(IClientCallState call)
    {
        _call = call;
        RequestStream = (IClientStreamWriter<TRequest>)call;
        ResponseStream = (IAsyncStreamReader<TResponse>)call;
    }

    /// <summary>The request stream.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses; <c>MoveNext</c> throws <see cref="RpcException"/> when the call ends with a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers, once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; only once the response stream has ended.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; only once the response stream has ended.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _call.Dispose();
}
