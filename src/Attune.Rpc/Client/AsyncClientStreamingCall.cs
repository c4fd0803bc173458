namespace Attune.Rpc;

/// <summary>A client-streaming call: write to <see cref="RequestStream"/>, complete it, then await <see cref="ResponseAsync"/>.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _call;
    private readonly Func<Task<TResponse>> _readResponse;
    private Task<TResponse>? _response;

    internal AsyncClientStreamingCall(IClientCallState call, Func<Task<TResponse>> readResponse)
    {
        _call = call;
        _readResponse = readResponse;
        RequestStream = (IClientStreamWriter<TRequest>)call;
    }

    /// <summary>The request stream.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The single response; throws <see cref="RpcException"/> for a non-OK status.</summary>
    public Task<TResponse> ResponseAsync => _response ??= _readResponse();

    /// <summary>The response headers, once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; only once the response has been read.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; only once the response has been read.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _call.Dispose();
}
