using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace Attune.Gateway.Relay;

/// <summary>
/// What both ends of the relay share, the client-facing connection (server role) and the backend connection (client
/// role): the frame read loop, SETTINGS, PING, connection flow control in both directions, header blocks spread over
/// CONTINUATION frames, and the output. The role-specific frames (HEADERS, DATA, RST_STREAM, GOAWAY, stream
/// WINDOW_UPDATE) go to the subclass.
/// </summary>
internal abstract class Http2Connection
{
    /// <summary>The stream window the relay advertises (SETTINGS_INITIAL_WINDOW_SIZE): 1 MiB.</summary>
    public const int StreamWindow = 1024 * 1024;

    /// <summary>The connection window the relay advertises: 16 MiB.</summary>
    public const int ConnectionWindow = 16 * 1024 * 1024;

    /// <summary>Largest header list accepted (SETTINGS_MAX_HEADER_LIST_SIZE), name + value + 32 per field.</summary>
    public const int MaxHeaderListSize = 64 * 1024;

    private readonly Lock _windowLock = new();
    private readonly ConcurrentQueue<Pump> _blocked = new();
    private readonly HpackDecoder _decoder = new();
    private int _sendWindow = Http2.DefaultWindow;
    private int _uncredited;
    private long _received;
    private int _headersStreamId;
    private bool _headersEndStream;
    private byte[] _headerBlock = new byte[4096];
    private int _headerBlockLength;

    /// <summary>Where frames to the peer go.</summary>
    public FrameOutput Output { get; } = new();

    /// <summary>The peer's SETTINGS_MAX_FRAME_SIZE.</summary>
    public int PeerMaxFrameSize { get; private set; } = Http2.DefaultMaxFrameSize;

    /// <summary>The peer's SETTINGS_INITIAL_WINDOW_SIZE: the window of each new stream toward it.</summary>
    public int PeerInitialWindow { get; private set; } = Http2.DefaultWindow;

    /// <summary>
    /// The peer's SETTINGS_MAX_CONCURRENT_STREAMS; until its SETTINGS arrive, what the subclass assumes (a backend: 100,
    /// the smallest limit RFC 9113 recommends, so a burst of calls on a new connection is not refused).
    /// </summary>
    public int PeerMaxConcurrentStreams { get; private set; } = int.MaxValue;

    /// <summary>Sets the stream limit assumed before the peer's SETTINGS.</summary>
    protected void AssumePeerMaxConcurrentStreams(int streams) => PeerMaxConcurrentStreams = streams;

    /// <summary>The settings this end sends first.</summary>
    protected abstract ReadOnlySpan<(ushort Id, uint Value)> LocalSettings { get; }

    /// <summary>Takes up to <paramref name="wanted"/> bytes of the connection's send window; the bytes granted.</summary>
    public int TakeSendWindow(int wanted)
    {
        lock (_windowLock)
        {
            var granted = Math.Clamp(_sendWindow, 0, wanted);
            _sendWindow -= granted;
            return granted;
        }
    }

    /// <summary>
    /// Puts <paramref name="pump"/> on the list of pumps tried again when the connection's send window grows; true when
    /// the window is already open again (the caller retries at once; its place on the list does no harm).
    /// </summary>
    public bool WaitForConnectionWindow(Pump pump)
    {
        _blocked.Enqueue(pump);
        lock (_windowLock)
        {
            return _sendWindow > 0;
        }
    }

    /// <summary>
    /// Bytes the relay is done with (written on, or dropped): once half the connection window is owed, it goes back to
    /// the peer in one WINDOW_UPDATE.
    /// </summary>
    public void ReturnConnectionCredit(int bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        var owed = Interlocked.Add(ref _uncredited, bytes);
        Interlocked.Add(ref _received, -bytes);
        if (owed >= ConnectionWindow / 2 && Interlocked.CompareExchange(ref _uncredited, 0, owed) == owed)
        {
            Output.WindowUpdate(0, owed);
        }
    }

    /// <summary>Sends this end's SETTINGS and opens the connection window to <see cref="ConnectionWindow"/>.</summary>
    protected void SendLocalSettings()
    {
        Output.Settings(LocalSettings);
        Output.WindowUpdate(0, ConnectionWindow - Http2.DefaultWindow);
    }

    /// <summary>Reads and handles frames until the peer closes the connection; protocol errors end it with GOAWAY.</summary>
    protected async Task ReadFramesAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (Http2.TryReadFrame(ref buffer, Http2.DefaultMaxFrameSize, out var header, out var payload))
                {
                    HandleFrame(header, payload);
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>A complete header block of <paramref name="streamId"/>, to be decoded with <see cref="Decode"/>.</summary>
    protected abstract void OnHeaders(int streamId, ReadOnlySpan<byte> block, bool endStream);

    /// <summary>DATA for <paramref name="streamId"/>, padding removed (and already credited).</summary>
    protected abstract void OnData(int streamId, in ReadOnlySequence<byte> data, bool endStream);

    /// <summary>RST_STREAM from the peer.</summary>
    protected abstract void OnReset(int streamId, Http2Error code);

    /// <summary>WINDOW_UPDATE of one stream (or, with <paramref name="streamId"/> 0 never: the connection's is handled here).</summary>
    protected abstract void OnStreamWindowUpdate(int streamId, int increment);

    /// <summary>The peer moved SETTINGS_INITIAL_WINDOW_SIZE by <paramref name="delta"/>: every open stream's window moves.</summary>
    protected abstract void OnInitialWindowChanged(int delta);

    /// <summary>GOAWAY from the peer.</summary>
    protected abstract void OnGoAway(int lastStreamId, Http2Error code);

    /// <summary>Decodes a header block with this connection's HPACK state (every block must be decoded, in order).</summary>
    protected void Decode<TSink>(ReadOnlySpan<byte> block, ref TSink sink)
        where TSink : struct, IHpackSink
    {
        try
        {
            _decoder.Decode(block, ref sink, MaxHeaderListSize);
        }
        catch (HpackException e)
        {
            throw new Http2ConnectionException(Http2Error.CompressionError, e.Message);
        }
    }

    /// <summary>Any frame arrived (before it is handled).</summary>
    protected virtual void OnFrame()
    {
    }

    private void HandleFrame(in FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        OnFrame();
        if (_headersStreamId != 0 && (header.Type != FrameType.Continuation || header.StreamId != _headersStreamId))
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, "A header block was interrupted by another frame.");
        }

        switch (header.Type)
        {
            case FrameType.Data:
                HandleData(header, payload);
                break;
            case FrameType.Headers:
                HandleHeaders(header, payload);
                break;
            case FrameType.Continuation:
                if (_headersStreamId == 0)
                {
                    throw new Http2ConnectionException(Http2Error.ProtocolError, "CONTINUATION without HEADERS.");
                }

                AppendHeaderBlock(payload);
                if (header.Has(Http2.EndHeaders))
                {
                    EndHeaderBlock();
                }

                break;
            case FrameType.Priority:
                break;
            case FrameType.RstStream:
                RequireStream(header);
                RequireLength(header, 4);
                OnReset(header.StreamId, (Http2Error)Http2.ReadUInt32(payload, 0));
                break;
            case FrameType.Settings:
                HandleSettings(header, payload);
                break;
            case FrameType.PushPromise:
                throw new Http2ConnectionException(Http2Error.ProtocolError, "PUSH_PROMISE is not accepted (SETTINGS_ENABLE_PUSH is 0).");
            case FrameType.Ping:
                RequireLength(header, 8);
                if (!header.Has(Http2.Ack))
                {
                    Span<byte> opaque = stackalloc byte[8];
                    payload.CopyTo(opaque);
                    Output.Frame(FrameType.Ping, Http2.Ack, 0, opaque);
                }

                break;
            case FrameType.GoAway:
                if (header.Length < 8)
                {
                    throw new Http2ConnectionException(Http2Error.FrameSizeError, "GOAWAY is shorter than 8 bytes.");
                }

                OnGoAway((int)(Http2.ReadUInt32(payload, 0) & int.MaxValue), (Http2Error)Http2.ReadUInt32(payload, 4));
                break;
            case FrameType.WindowUpdate:
                RequireLength(header, 4);
                HandleWindowUpdate(header, (int)(Http2.ReadUInt32(payload, 0) & int.MaxValue));
                break;
            default:
                // Unknown frame types are ignored (RFC 9113 section 4.1).
                break;
        }
    }

    private void HandleData(in FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        if (Interlocked.Add(ref _received, header.Length) > ConnectionWindow)
        {
            throw new Http2ConnectionException(Http2Error.FlowControlError, "The peer sent more than the connection window.");
        }

        var data = Http2.Unpad(header, payload);
        var padding = header.Length - (int)data.Length;
        if (padding > 0)
        {
            ReturnConnectionCredit(padding);
            Output.WindowUpdate(header.StreamId, padding);
        }

        OnData(header.StreamId, data, header.Has(Http2.EndStream));
    }

    private void HandleHeaders(in FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        var block = Http2.Unpad(header, payload);
        if (header.Has(Http2.PriorityFlag))
        {
            if (block.Length < 5)
            {
                throw new Http2ConnectionException(Http2Error.ProtocolError, "HEADERS with PRIORITY is too short.");
            }

            block = block.Slice(5);
        }

        _headersStreamId = header.StreamId;
        _headersEndStream = header.Has(Http2.EndStream);
        if (header.Has(Http2.EndHeaders) && block.IsSingleSegment)
        {
            _headersStreamId = 0;
            OnHeaders(header.StreamId, block.FirstSpan, _headersEndStream);
            return;
        }

        _headerBlockLength = 0;
        AppendHeaderBlock(block);
        if (header.Has(Http2.EndHeaders))
        {
            EndHeaderBlock();
        }
    }

    private void AppendHeaderBlock(in ReadOnlySequence<byte> part)
    {
        var needed = _headerBlockLength + (int)part.Length;
        if (needed > MaxHeaderListSize * 2)
        {
            throw new Http2ConnectionException(Http2Error.EnhanceYourCalm, "A header block is too large.");
        }

        if (needed > _headerBlock.Length)
        {
            Array.Resize(ref _headerBlock, Math.Max(needed, _headerBlock.Length * 2));
        }

        part.CopyTo(_headerBlock.AsSpan(_headerBlockLength));
        _headerBlockLength = needed;
    }

    private void EndHeaderBlock()
    {
        var streamId = _headersStreamId;
        _headersStreamId = 0;
        OnHeaders(streamId, _headerBlock.AsSpan(0, _headerBlockLength), _headersEndStream);
    }

    private void HandleSettings(in FrameHeader header, in ReadOnlySequence<byte> payload)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, "SETTINGS on a stream.");
        }

        if (header.Has(Http2.Ack))
        {
            return;
        }

        if (header.Length % 6 != 0)
        {
            throw new Http2ConnectionException(Http2Error.FrameSizeError, "SETTINGS length is not a multiple of 6.");
        }

        Span<byte> entry = stackalloc byte[6];
        for (var offset = 0; offset < header.Length; offset += 6)
        {
            payload.Slice(offset, 6).CopyTo(entry);
            var id = (ushort)((entry[0] << 8) | entry[1]);
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(entry[2..]);
            switch (id)
            {
                case Http2.SettingsInitialWindowSize:
                    if (value > Http2.MaxWindow)
                    {
                        throw new Http2ConnectionException(Http2Error.FlowControlError, "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1.");
                    }

                    var delta = (int)value - PeerInitialWindow;
                    PeerInitialWindow = (int)value;
                    if (delta != 0)
                    {
                        OnInitialWindowChanged(delta);
                    }

                    break;
                case Http2.SettingsMaxFrameSize:
                    if (value is < Http2.DefaultMaxFrameSize or > 16_777_215)
                    {
                        throw new Http2ConnectionException(Http2Error.ProtocolError, "SETTINGS_MAX_FRAME_SIZE out of range.");
                    }

                    PeerMaxFrameSize = (int)value;
                    break;
                case Http2.SettingsMaxConcurrentStreams:
                    PeerMaxConcurrentStreams = (int)Math.Min(value, int.MaxValue);
                    break;
                default:
                    // The relay's encoder never indexes, so the peer's header table size does not matter; push is never used.
                    break;
            }
        }

        Output.Frame(FrameType.Settings, Http2.Ack, 0, []);
    }

    private void HandleWindowUpdate(in FrameHeader header, int increment)
    {
        if (increment == 0)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, "WINDOW_UPDATE of 0.");
        }

        if (header.StreamId != 0)
        {
            OnStreamWindowUpdate(header.StreamId, increment);
            return;
        }

        lock (_windowLock)
        {
            if ((long)_sendWindow + increment > Http2.MaxWindow)
            {
                throw new Http2ConnectionException(Http2Error.FlowControlError, "The connection window exceeds 2^31-1.");
            }

            _sendWindow += increment;
        }

        OnConnectionWindowOpened();
    }

    private void OnConnectionWindowOpened()
    {
        // Each pump waits at most once on the list; one that cannot go on puts itself back.
        var count = _blocked.Count;
        for (var i = 0; i < count && _blocked.TryDequeue(out var pump); i++)
        {
            pump.ConnectionWindowOpened();
        }
    }

    private static void RequireStream(in FrameHeader header)
    {
        if (header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, $"{header.Type} on stream 0.");
        }
    }

    private static void RequireLength(in FrameHeader header, int length)
    {
        if (header.Length != length)
        {
            throw new Http2ConnectionException(Http2Error.FrameSizeError, $"{header.Type} must be {length} bytes, got {header.Length}.");
        }
    }
}
