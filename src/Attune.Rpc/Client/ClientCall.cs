using Attune.Rpc.Internal;
using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>
/// One streaming call in flight: the HTTP/2 exchange, the response stream, the request stream and the final status.
/// The public call objects are views of it.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IAsyncStreamReader<TResponse>, IClientStreamWriter<TRequest>, IClientCallState
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private Task<HttpResponseMessage>? _send;
    private HttpResponseMessage? _response;
    private StreamFrameReader? _reader;
    private PushStreamContent? _requestStream;
    private Metadata? _responseHeaders;
    private Status? _status;
    private Metadata? _trailers;
    private TResponse? _current;
    private bool _requestCompleted;
    private bool _disposed;
    private bool _userCancelled;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (options.Deadline is { } deadline)
        {
            var timeout = deadline - DateTime.UtcNow;
            if (timeout < GrpcTimeout.MaxTimer)
            {
                _cts.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
            }
        }
    }

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public Task<Metadata> ResponseHeadersAsync => GetResponseHeadersAsync();

    public HttpContent CreateRequestStream() => _requestStream = new PushStreamContent();

    public void Start(HttpContent content)
    {
        var request = ClientProtocol.CreateRequest(_method.GetUri(_channel.Address), _options, content);
        _send = SendAsync(request);
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        using var registration = RegisterCancellation(cancellationToken);
        await _send!.ConfigureAwait(false);
        ThrowIfFinished();
        if (_status is not null)
        {
            return false;
        }

        try
        {
            var message = await _reader!.ReadAsync(_method.ResponseParser, _cts.Token).ConfigureAwait(false);
            if (message is not null)
            {
                _current = message;
                return true;
            }

            Finish(ClientProtocol.ReadTrailerStatus(_response!), ClientProtocol.ReadMetadata(_response!.TrailingHeaders));
        }
        catch (Exception e) when (_status is null)
        {
            var error = Map(e);
            Finish(error.Status, error.Trailers);
        }

        ThrowIfFinished();
        return false;
    }

    public async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await MoveNext().ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The server sent no response message.");
        }

        var message = Current;
        if (await MoveNext().ConfigureAwait(false))
        {
            Finish(new Status(StatusCode.Internal, "More than one response message."), new Metadata());
            throw new RpcException(StatusCode.Internal, "The server sent more than one response message.");
        }

        return message;
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_requestCompleted)
        {
            throw new InvalidOperationException("The request stream was already completed.");
        }

        ThrowIfFinished(okIsError: true);
        var frame = ClientProtocol.Frame(message, _options, _channel.Options.MaxSendMessageSize);
        using var registration = RegisterCancellation(cancellationToken);
        try
        {
            var stream = await _requestStream!.StreamTask.WaitAsync(_cts.Token).ConfigureAwait(false);
            await stream.WriteAsync(frame, _cts.Token).ConfigureAwait(false);
            await stream.FlushAsync(_cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException)
        {
            if (_status is null && _cts.IsCancellationRequested)
            {
                var error = Map(e);
                Finish(error.Status, error.Trailers);
            }

            ThrowIfFinished(okIsError: true);
            throw ClientProtocol.MapTransportError(e);
        }
    }

    public Task CompleteAsync()
    {
        _requestCompleted = true;
        _requestStream?.Complete();
        return Task.CompletedTask;
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished.");

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "Call disposed."), new Metadata());
        }

        _reader?.Dispose();
        _response?.Dispose();
        _cts.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _cts.Token).ConfigureAwait(false);
            _response = response;
            _responseHeaders = ClientProtocol.ReadMetadata(response.Headers);
            if (ClientProtocol.CheckHeaders(response) is { } early)
            {
                Finish(early, _responseHeaders);
                return response;
            }

            var encoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.ToString() : null;
            var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = new StreamFrameReader(stream, _channel.Options.MaxReceiveMessageSize, encoding);
            return response;
        }
        catch (Exception e)
        {
            var error = Map(e);
            Finish(error.Status, error.Trailers);
            throw error;
        }
        finally
        {
            request.Dispose();
        }
    }

    private async Task<Metadata> GetResponseHeadersAsync()
    {
        await _send!.ConfigureAwait(false);
        return _responseHeaders!;
    }

    private void Finish(Status status, Metadata trailers)
    {
        if (_status is not null)
        {
            return;
        }

        _trailers = trailers;
        _status = status;
        if (status.Code == StatusCode.OK)
        {
            _requestStream?.Complete();
            return;
        }

        // A failed or cancelled call resets its HTTP/2 stream so the server learns of it now: cancelling the send only
        // helps before the response headers arrive, and ending the request body normally would read as "input done".
        _requestStream?.Abort();
        _cts.Cancel();
        _response?.Dispose();
    }

    private void ThrowIfFinished(bool okIsError = false)
    {
        if (_status is { } status && (status.Code != StatusCode.OK || okIsError))
        {
            throw status.Code == StatusCode.OK
                ? new InvalidOperationException("The call has already finished.")
                : new RpcException(status, _trailers!);
        }
    }

    private RpcException Map(Exception e)
    {
        if (e is RpcException rpc)
        {
            return rpc;
        }

        if (_options.CancellationToken.IsCancellationRequested || _disposed || _userCancelled)
        {
            return new RpcException(StatusCode.Cancelled, "Call cancelled by the client.");
        }

        if (_cts.IsCancellationRequested && _options.Deadline is { } deadline && DateTime.UtcNow >= deadline - TimeSpan.FromMilliseconds(1))
        {
            return new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }

        return ClientProtocol.MapTransportError(e);
    }

    private CancellationTokenRegistration RegisterCancellation(CancellationToken token) =>
        token.CanBeCanceled
            ? token.Register(static state =>
            {
                var call = (ClientCall<TRequest, TResponse>)state!;
                call._userCancelled = true;
                try
                {
                    call._cts.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The call was disposed first; there is nothing left to cancel.
                }
            }, this)
            : default;
}
