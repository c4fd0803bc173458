using System.Buffers;
using System.Globalization;
using Attune.Gateway.Forwarding;
using Attune.Rpc;

namespace Attune.Gateway.Relay;

/// <summary>
/// One call through the relay: the client's stream and the backend's, joined by two pumps (<see cref="Up"/> client to
/// backend, <see cref="Down"/> backend to client). Frames pass through as they come; the relay answers the call itself
/// only when the backend cannot: UNAVAILABLE when it is unreachable or dies, DEADLINE_EXCEEDED past grpc-timeout,
/// RESOURCE_EXHAUSTED for a request message over the limit. Such an answer is a Trailers-Only response before the
/// backend answered, trailers after whole messages, and RST_STREAM when part of a message is already with the client
/// (trailers then would hand over a torn message): REFUSED_STREAM, CANCEL or ENHANCE_YOUR_CALM, which gRPC clients read
/// as UNAVAILABLE, CANCELLED / DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class RelayStream
{
    private readonly Lock _lock = new();
    private readonly ClientConnection _client;
    private readonly int _maxRequestBytes;
    private readonly GrpcFrameMeter? _requestMeter;
    private readonly GrpcFrameMeter _responseMeter = new(int.MaxValue);
    private readonly bool _grpc;
    private BackendConnection? _backend;
    private int _backendId;
    private Pump? _down;
    private ITimer? _deadline;
    private bool _responseStarted;
    private bool _responseEnded;
    private bool _finished;

    /// <summary>A call on the client's stream <paramref name="clientId"/> to <paramref name="backend"/>.</summary>
    public RelayStream(ClientConnection client, int clientId, Backend backend, bool grpc, int maxRequestBytes)
    {
        _client = client;
        ClientId = clientId;
        Backend = backend;
        _grpc = grpc;
        _maxRequestBytes = maxRequestBytes;
        _requestMeter = grpc ? new GrpcFrameMeter(maxRequestBytes) : null;
        Up = new Pump(client, clientId);
    }

    /// <summary>The client's stream id.</summary>
    public int ClientId { get; }

    /// <summary>Where the call goes.</summary>
    public Backend Backend { get; }

    /// <summary>Client to backend.</summary>
    public Pump Up { get; }

    /// <summary>Backend to client, once the backend stream is open.</summary>
    public Pump? Down => Volatile.Read(ref _down);

    /// <summary>Ends the call with DEADLINE_EXCEEDED after <paramref name="timeout"/>.</summary>
    public void StartDeadline(TimeSpan timeout)
    {
        var timer = TimeProvider.System.CreateTimer(
            static state => ((RelayStream)state!).Fail(StatusCode.DeadlineExceeded, "Deadline exceeded."), this, timeout, Timeout.InfiniteTimeSpan);
        lock (_lock)
        {
            if (_finished)
            {
                timer.Dispose();
                return;
            }

            _deadline = timer;
        }
    }

    /// <summary>Called by the backend connection, under its open lock, just before it sends the request headers.</summary>
    public bool BindBackend(BackendConnection backend, int backendId)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return false;
            }

            _backend = backend;
            _backendId = backendId;
            var down = new Pump(backend, backendId, DownEnded);
            down.Attach(_client, ClientId);
            Volatile.Write(ref _down, down);
            return true;
        }
    }

    /// <summary>The backend stream is open: what the client sent meanwhile goes on.</summary>
    public void Opened() => Up.Attach(_backend!, _backendId);

    /// <summary>DATA from the client.</summary>
    public void OnClientData(in ReadOnlySequence<byte> data, bool endStream)
    {
        if (_requestMeter is { } meter && !meter.Observe(data))
        {
            _client.ReturnConnectionCredit((int)data.Length);
            Fail(StatusCode.ResourceExhausted, $"Request message of {meter.Announced} bytes exceeds the gateway's limit of {_maxRequestBytes} bytes.");
            return;
        }

        if (!Up.Data(data, endStream))
        {
            Fail(StatusCode.Internal, "The client sent more than its flow-control window.", Http2Error.FlowControlError);
        }
    }

    /// <summary>Trailers from the client (rare in gRPC), re-encoded for the backend.</summary>
    public void OnClientTrailers(ReadOnlySpan<byte> block, bool endStream) => Up.Headers(block, endStream);

    /// <summary>The client reset its stream (cancelled the call, or went away): the backend's stream is reset too.</summary>
    public void OnClientReset()
    {
        bool wasFinished;
        lock (_lock)
        {
            wasFinished = _finished;
            _finished = true;
        }

        if (!wasFinished)
        {
            Up.Reset(Http2Error.Cancel, now: true);
        }

        Down?.Close();
        Cleanup(removeFromClient: true);
    }

    /// <summary>Response headers or trailers from the backend (<paramref name="head"/> already re-encoded for the client).</summary>
    public void OnBackendHeaders(PassingHead head, bool endStream)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            if (!_responseStarted)
            {
                if (head.Status != 200 && !head.HasGrpcStatus)
                {
                    var code = GrpcWireFormat.FromHttpStatus(head.Status);
                    FailLocked(code, $"{Backend.Service} answered HTTP {head.Status}.", null);
                    return;
                }

                _responseStarted = true;
            }
            else if (_grpc && !head.HasGrpcStatus)
            {
                AddStatus(head.Block, StatusCode.Internal, $"{Backend.Service} ended the call without a status.");
            }

            Down!.Headers(head.Block.Written, endStream);
            if (endStream)
            {
                EndResponseLocked();
            }
        }
    }

    /// <summary>DATA from the backend.</summary>
    public void OnBackendData(in ReadOnlySequence<byte> data, bool endStream)
    {
        lock (_lock)
        {
            if (_finished)
            {
                _backend!.ReturnConnectionCredit((int)data.Length);
                return;
            }

            _responseStarted = true;
            _responseMeter.Observe(data);
            if (!Down!.Data(data, endStream))
            {
                FailLocked(StatusCode.Unavailable, $"{Backend.Service} sent more than its flow-control window.", null);
                return;
            }

            if (endStream)
            {
                EndResponseLocked();
            }
        }
    }

    /// <summary>The backend reset its stream: the client's stream is reset with the same code.</summary>
    public void OnBackendReset(Http2Error code)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            Up.Close();
            if (!_responseStarted && code == Http2Error.RefusedStream)
            {
                // Not processed at all: a clean UNAVAILABLE that names the service.
                WriteStatusLocked(StatusCode.Unavailable, $"{Backend.Service} refused the call.", resetCode: null);
            }
            else
            {
                Down!.Reset(code, now: false);
            }
        }

        Cleanup(removeFromClient: false);
    }

    /// <summary>The backend connection failed or went away: UNAVAILABLE naming the service.</summary>
    public void OnBackendLost(string reason, bool beforeOpen = false) => Fail(
        StatusCode.Unavailable, beforeOpen ? $"{Backend.Service} is unreachable at {Backend.Address}: {reason}" : $"{Backend.Service} failed during the call: {reason}");

    /// <summary>The client's connection is gone: the backend's stream is reset.</summary>
    public void OnClientLost() => OnClientReset();

    /// <summary>Ends the call with <paramref name="code"/>, unless it already ended.</summary>
    public void Fail(StatusCode code, string message, Http2Error? clientReset = null)
    {
        lock (_lock)
        {
            FailLocked(code, message, clientReset);
        }
    }

    /// <summary>Answers a call that never reached a backend, on the client's stream, with a Trailers-Only response.</summary>
    public static void Answer(ClientConnection client, int clientId, bool clientEnded, StatusCode code, string message, TimeSpan? retryAfter = null)
    {
        var block = new HeaderBlock();
        TrailersOnly(block, code, message, retryAfter);
        client.Output.Headers(clientId, block.Written, endStream: true, client.PeerMaxFrameSize);
        if (!clientEnded)
        {
            client.Output.RstStream(clientId, Http2Error.NoError);
        }
    }

    private void FailLocked(StatusCode code, string message, Http2Error? clientReset)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_backend is { } backend && !_responseEnded)
        {
            Up.Reset(Http2Error.Cancel, now: true);
        }
        else
        {
            Up.Close();
        }

        WriteStatusLocked(code, message, clientReset);
        Cleanup(removeFromClient: Down is null);
    }

    private void WriteStatusLocked(StatusCode code, string message, Http2Error? resetCode)
    {
        var clientEnded = Up.SourceEnded;
        if (resetCode is { } reset)
        {
            if (Down is { } pump)
            {
                pump.Reset(reset, now: true);
            }
            else
            {
                _client.Output.RstStream(ClientId, reset);
            }

            return;
        }

        if (Down is not { } down)
        {
            Answer(_client, ClientId, clientEnded, code, message);
            return;
        }

        if (!_responseStarted || _responseMeter.AtBoundary)
        {
            var block = new HeaderBlock();
            if (_responseStarted)
            {
                AddStatus(block, code, message);
            }
            else
            {
                TrailersOnly(block, code, message, null);
            }

            down.Headers(block.Written, endStream: true);
            if (!clientEnded)
            {
                down.Reset(Http2Error.NoError, now: false);
            }

            return;
        }

        down.Reset(code switch
        {
            StatusCode.DeadlineExceeded or StatusCode.Cancelled => Http2Error.Cancel,
            StatusCode.ResourceExhausted => Http2Error.EnhanceYourCalm,
            _ => Http2Error.RefusedStream,
        }, now: false);
    }

    // Under the lock: the backend ended its response (END_STREAM forwarded to the client's pump).
    private void EndResponseLocked()
    {
        _responseEnded = true;
        _finished = true;
        if (!Up.SourceEnded)
        {
            // The call is over while the client still sends: stop both sides (as a direct server would).
            Up.Reset(Http2Error.Cancel, now: true);
            Down!.Reset(Http2Error.NoError, now: false);
        }
        else
        {
            Up.Close();
        }

        Cleanup(removeFromClient: false);
    }

    private void Cleanup(bool removeFromClient)
    {
        _deadline?.Dispose();
        _backend?.Remove(_backendId, this);
        if (removeFromClient)
        {
            _client.Remove(ClientId, this);
        }
    }

    private void DownEnded(Pump pump) => _client.Remove(ClientId, this);

    private static void TrailersOnly(HeaderBlock block, StatusCode code, string message, TimeSpan? retryAfter)
    {
        block.Add(":status"u8, "200"u8);
        block.Add("content-type"u8, "application/grpc"u8);
        AddStatus(block, code, message);
        if (retryAfter is { } wait)
        {
            block.Add("retry-after"u8, GrpcWire.RetryAfterSeconds(wait));
        }
    }

    private static void AddStatus(HeaderBlock block, StatusCode code, string message)
    {
        block.Add("grpc-status"u8, ((int)code).ToString(CultureInfo.InvariantCulture));
        block.Add("grpc-message"u8, GrpcWireFormat.EncodeMessage(message));
    }
}
