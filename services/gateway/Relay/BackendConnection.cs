using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Attune.Gateway.Relay;

/// <summary>
/// One HTTP/2 connection from the gateway to a backend (the relay in the client role; h2c with prior knowledge for
/// http://, TLS with ALPN h2 for https://), carrying many calls at once up to the backend's
/// SETTINGS_MAX_CONCURRENT_STREAMS. Keep-alive PINGs while calls are open notice a backend that stopped answering
/// without closing the connection. When the connection ends, every call on it ends with UNAVAILABLE.
/// </summary>
internal sealed class BackendConnection : Http2Connection, IAsyncDisposable
{
    private static readonly (ushort Id, uint Value)[] Settings =
    [
        (Http2.SettingsEnablePush, 0),
        (Http2.SettingsInitialWindowSize, StreamWindow),
        (Http2.SettingsMaxHeaderListSize, MaxHeaderListSize),
    ];

    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, RelayStream> _streams = new();
    private readonly Lock _openLock = new();
    private readonly PassingHead _head = new();
    private readonly BackendEndpoint _endpoint;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly CancellationTokenSource _closed = new();
    private int _nextStreamId = 1;
    private int _active;
    private bool _draining;
    private long _lastFrameTicks = Environment.TickCount64;
    private ITimer? _keepAlive;
    private long _pingSentTicks;

    private BackendConnection(BackendEndpoint endpoint, Socket socket, Stream stream)
    {
        _endpoint = endpoint;
        _socket = socket;
        _stream = stream;
        AssumePeerMaxConcurrentStreams(100);
    }

    /// <summary>The local port, when the endpoint asked to bind one first.</summary>
    public int? LocalPort { get; private init; }

    /// <summary>Calls open on this connection.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Whether the connection takes new calls.</summary>
    public bool CanOpen
    {
        get
        {
            lock (_openLock)
            {
                return !_draining && _active < PeerMaxConcurrentStreams;
            }
        }
    }

    /// <inheritdoc />
    protected override ReadOnlySpan<(ushort Id, uint Value)> LocalSettings => Settings;

    /// <summary>Connects to <paramref name="endpoint"/> and starts the connection's loops.</summary>
    public static async Task<BackendConnection> ConnectAsync(BackendEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var address = endpoint.Address;
        var local = endpoint.LocalBind;
        var socket = local is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            int? boundPort = null;
            if (local is not null)
            {
                socket.Bind(local);
                var bound = (IPEndPoint)socket.LocalEndPoint!;
                boundPort = bound.Port;
                endpoint.OnBound(bound);
            }

            await socket.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (address.Scheme == Uri.UriSchemeHttps)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = address.IdnHost,
                    ApplicationProtocols = [SslApplicationProtocol.Http2],
                }, timeout.Token).ConfigureAwait(false);
                stream = tls;
            }

            var connection = new BackendConnection(endpoint, socket, stream) { LocalPort = boundPort };
            connection.Start();
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"connecting timed out after {connectTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a backend stream for <paramref name="stream"/> and sends its request headers; false when the connection
    /// takes no more calls (draining, or at the backend's stream limit).
    /// </summary>
    public bool TryOpen(RelayStream stream, ReadOnlySpan<byte> block, bool endStream)
    {
        lock (_openLock)
        {
            if (_draining || _active >= PeerMaxConcurrentStreams)
            {
                return false;
            }

            var id = _nextStreamId;
            if (id > int.MaxValue - 2)
            {
                _draining = true;
                return false;
            }

            if (!stream.BindBackend(this, id))
            {
                // The call ended while it waited for this connection.
                return true;
            }

            _nextStreamId += 2;
            _active++;
            _streams[id] = stream;
            Output.Headers(id, block, endStream, PeerMaxFrameSize);
        }

        stream.Opened();
        return true;
    }

    /// <summary>Forgets a finished call (only if it is still <paramref name="stream"/>).</summary>
    public void Remove(int streamId, RelayStream stream)
    {
        if (_streams.TryRemove(new KeyValuePair<int, RelayStream>(streamId, stream)))
        {
            lock (_openLock)
            {
                _active--;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    /// <inheritdoc />
    protected override void OnHeaders(int streamId, ReadOnlySpan<byte> block, bool endStream)
    {
        _head.Reset();
        var sink = new PassingSink(_head);
        Decode(block, ref sink);
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.OnBackendHeaders(_head, endStream);
        }
    }

    /// <inheritdoc />
    protected override void OnData(int streamId, in ReadOnlySequence<byte> data, bool endStream)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.OnBackendData(data, endStream);
            return;
        }

        ReturnConnectionCredit((int)data.Length);
    }

    /// <inheritdoc />
    protected override void OnReset(int streamId, Http2Error code)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.OnBackendReset(code);
        }
    }

    /// <inheritdoc />
    protected override void OnStreamWindowUpdate(int streamId, int increment)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.Up.WindowUpdate(increment);
        }
    }

    /// <inheritdoc />
    protected override void OnInitialWindowChanged(int delta)
    {
        foreach (var stream in _streams.Values)
        {
            stream.Up.WindowUpdate(delta);
        }
    }

    /// <inheritdoc />
    protected override void OnGoAway(int lastStreamId, Http2Error code)
    {
        lock (_openLock)
        {
            _draining = true;
        }

        _endpoint.Forget(this);
        foreach (var (id, stream) in _streams)
        {
            if (id > lastStreamId)
            {
                stream.OnBackendLost($"the backend went away (GOAWAY {code}) before taking the call");
            }
        }
    }

    /// <summary>Notes that a frame arrived (any frame proves the backend alive).</summary>
    protected override void OnFrame() => Volatile.Write(ref _lastFrameTicks, Environment.TickCount64);

    private void Start()
    {
        Output.Raw(Http2.Preface);
        SendLocalSettings();
        _ = Output.RunAsync(bytes => _stream.WriteAsync(bytes, _closed.Token));
        _keepAlive = TimeProvider.System.CreateTimer(static state => ((BackendConnection)state!).KeepAlive(), this, PingInterval, PingInterval);
        _ = ReadAsync();
    }

    private async Task ReadAsync()
    {
        var reason = "the connection closed";
        var input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096));
        try
        {
            await ReadFramesAsync(input, _closed.Token).ConfigureAwait(false);
        }
        catch (Http2ConnectionException e)
        {
            reason = $"HTTP/2 protocol error ({e.Code}): {e.Message}";
            Output.GoAway(0, e.Code);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            reason = _closed.IsCancellationRequested ? "the gateway closed the connection" : $"the connection failed ({e.Message})";
        }
        finally
        {
            lock (_openLock)
            {
                _draining = true;
            }

            _endpoint.Forget(this);
            _keepAlive?.Dispose();
            foreach (var stream in _streams.Values)
            {
                stream.OnBackendLost(reason);
            }

            Output.Complete();
            await input.CompleteAsync().ConfigureAwait(false);
            _socket.Dispose();
        }
    }

    private void KeepAlive()
    {
        var now = Environment.TickCount64;
        var sent = Volatile.Read(ref _pingSentTicks);
        if (sent != 0 && Volatile.Read(ref _lastFrameTicks) < sent && now - sent > PingTimeout.TotalMilliseconds)
        {
            // No frame since the ping: the backend is gone without a word.
            _socket.Dispose();
            return;
        }

        if (Active > 0 && now - Volatile.Read(ref _lastFrameTicks) >= PingInterval.TotalMilliseconds / 2)
        {
            Volatile.Write(ref _pingSentTicks, now);
            Output.Frame(FrameType.Ping, 0, 0, stackalloc byte[8]);
        }
    }
}
