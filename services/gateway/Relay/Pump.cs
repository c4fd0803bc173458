using System.Buffers;

namespace Attune.Gateway.Relay;

/// <summary>
/// One direction of a relayed stream: frames received on the source connection's stream go out on the destination
/// connection's stream, within the destination's flow-control windows (the stream's and the connection's). What the
/// windows do not admit yet waits here, in order, and goes out as WINDOW_UPDATEs arrive. The source gets its credit
/// back (WINDOW_UPDATE, batched to half a window) only once its bytes are written toward the destination, so what
/// waits here is bounded by the window the relay advertised to the source (<see cref="Http2Connection.StreamWindow"/>).
/// Header blocks (response headers, trailers) and resets keep their place behind waiting data.
/// </summary>
internal sealed class Pump
{
    private readonly Lock _lock = new();
    private readonly Queue<Item> _queue = new();
    private readonly Http2Connection _source;
    private readonly int _sourceStreamId;
    private readonly Action<Pump>? _ended;
    private Http2Connection? _destination;
    private int _destinationStreamId;
    private int _window;
    private int _unacknowledged;
    private long _outstanding;
    private bool _sourceEnded;
    private bool _closed;
    private bool _blockedOnConnection;
    private bool _endedCalled;

    /// <summary>
    /// A pump for the stream <paramref name="sourceStreamId"/> of <paramref name="source"/>; its destination comes with
    /// <see cref="Attach"/>. <paramref name="ended"/> runs (under the pump's lock: it must take no other lock but leaf
    /// ones) once the destination stream was ended, by END_STREAM or RST_STREAM.
    /// </summary>
    public Pump(Http2Connection source, int sourceStreamId, Action<Pump>? ended = null)
    {
        _source = source;
        _sourceStreamId = sourceStreamId;
        _ended = ended;
    }

    /// <summary>Whether the source ended its side of the stream (END_STREAM seen).</summary>
    public bool SourceEnded
    {
        get
        {
            lock (_lock)
            {
                return _sourceEnded;
            }
        }
    }

    /// <summary>Sets the destination stream (once opened there) and sends what waited for it.</summary>
    public void Attach(Http2Connection destination, int destinationStreamId)
    {
        lock (_lock)
        {
            _destination = destination;
            _destinationStreamId = destinationStreamId;
            _window = destination.PeerInitialWindow;
            if (!_closed)
            {
                Drain();
            }
        }
    }

    /// <summary>
    /// Relays DATA from the source (padding already removed and credited). False when the source overran the window
    /// the relay gave it (a FLOW_CONTROL_ERROR on the stream).
    /// </summary>
    public bool Data(in ReadOnlySequence<byte> data, bool endStream)
    {
        var length = (int)data.Length;
        lock (_lock)
        {
            if (_closed)
            {
                _source.ReturnConnectionCredit(length);
                return true;
            }

            _outstanding += length;
            if (_outstanding > Http2Connection.StreamWindow)
            {
                return false;
            }

            _sourceEnded |= endStream;
            if (_destination is { } destination && _queue.Count == 0)
            {
                var granted = length == 0 ? 0 : destination.TakeSendWindow(Math.Min(_window, length));
                if (granted == length)
                {
                    destination.Output.Data(_destinationStreamId, data, endStream, destination.PeerMaxFrameSize);
                    _window -= length;
                    Credit(length);
                    if (endStream)
                    {
                        Ended();
                    }

                    return true;
                }

                if (granted > 0)
                {
                    destination.Output.Data(_destinationStreamId, data.Slice(0, granted), false, destination.PeerMaxFrameSize);
                    _window -= granted;
                    Credit(granted);
                }

                Enqueue(Item.ForData(data.Slice(granted), endStream));
                if (WaitForWindow(destination))
                {
                    Drain();
                }

                return true;
            }

            Enqueue(Item.ForData(data, endStream));
            return true;
        }
    }

    /// <summary>Relays a header block (<paramref name="block"/> already encoded for the destination), behind waiting data.</summary>
    public void Headers(ReadOnlySpan<byte> block, bool endStream)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _sourceEnded |= endStream;
            if (_destination is { } destination && _queue.Count == 0)
            {
                destination.Output.Headers(_destinationStreamId, block, endStream, destination.PeerMaxFrameSize);
                if (endStream)
                {
                    Ended();
                }

                return;
            }

            Enqueue(Item.ForHeaders(block, endStream));
        }
    }

    /// <summary>Sends RST_STREAM to the destination behind waiting data (or at once, dropping it, when <paramref name="now"/>).</summary>
    public void Reset(Http2Error code, bool now)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (now)
            {
                DropQueue();
            }

            if (_destination is { } destination && _queue.Count == 0)
            {
                destination.Output.RstStream(_destinationStreamId, code);
                CloseLocked();
                Ended();
                return;
            }

            if (_destination is null && now)
            {
                CloseLocked();
                return;
            }

            _queue.Enqueue(Item.ForReset(code));
        }
    }

    /// <summary>The destination granted <paramref name="increment"/> more on the stream (or SETTINGS moved every stream's window).</summary>
    public void WindowUpdate(int increment)
    {
        lock (_lock)
        {
            _window += increment;
            if (!_closed && _destination is not null)
            {
                Drain();
            }
        }
    }

    /// <summary>The destination connection's window grew: try again what waited for it.</summary>
    public void ConnectionWindowOpened()
    {
        lock (_lock)
        {
            _blockedOnConnection = false;
            if (!_closed && _destination is not null)
            {
                Drain();
            }
        }
    }

    /// <summary>Stops relaying: waiting data is dropped (its connection-level credit returned to the source).</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (!_closed)
            {
                DropQueue();
                CloseLocked();
            }
        }
    }

    // Under the lock, with a destination: sends queued items while the windows admit them.
    private void Drain()
    {
        var destination = _destination!;
        while (_queue.TryPeek(out var item))
        {
            switch (item.Kind)
            {
                case ItemKind.Data:
                {
                    var left = item.Length - item.Offset;
                    var granted = left == 0 ? 0 : destination.TakeSendWindow(Math.Min(_window, left));
                    var last = granted == left;
                    if (granted > 0 || left == 0)
                    {
                        destination.Output.Data(
                            _destinationStreamId, new ReadOnlySequence<byte>(item.Buffer!, item.Offset, granted), last && item.EndStream,
                            destination.PeerMaxFrameSize);
                        _window -= granted;
                        Credit(granted);
                    }

                    if (last && item.EndStream)
                    {
                        _queue.Dequeue();
                        Return(item);
                        Ended();
                        continue;
                    }

                    if (!last)
                    {
                        item.Offset += granted;
                        if (WaitForWindow(destination))
                        {
                            continue;
                        }

                        return;
                    }

                    break;
                }

                case ItemKind.Headers:
                    destination.Output.Headers(_destinationStreamId, item.Buffer.AsSpan(0, item.Length), item.EndStream, destination.PeerMaxFrameSize);
                    if (item.EndStream)
                    {
                        _queue.Dequeue();
                        Return(item);
                        Ended();
                        continue;
                    }

                    break;
                case ItemKind.Reset:
                    _queue.Dequeue();
                    destination.Output.RstStream(_destinationStreamId, item.Code);
                    DropQueue();
                    CloseLocked();
                    Ended();
                    return;
            }

            _queue.Dequeue();
            Return(item);
        }
    }

    // Blocked: a stream window of its own reopens through WindowUpdate, the connection's through its wait list. True
    // when the connection's window opened again meanwhile (try again now).
    private bool WaitForWindow(Http2Connection destination)
    {
        if (_window <= 0)
        {
            return false;
        }

        if (_blockedOnConnection)
        {
            // Still on the list (the list's wake-up clears the flag under this pump's lock): it will come.
            return false;
        }

        _blockedOnConnection = true;
        return destination.WaitForConnectionWindow(this);
    }

    // Bytes written toward the destination: the source may send that much more.
    private void Credit(int bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        _outstanding -= bytes;
        _source.ReturnConnectionCredit(bytes);
        if (_sourceEnded)
        {
            return;
        }

        _unacknowledged += bytes;
        if (_unacknowledged >= Http2Connection.StreamWindow / 2)
        {
            _source.Output.WindowUpdate(_sourceStreamId, _unacknowledged);
            _unacknowledged = 0;
        }
    }

    private void Enqueue(Item item) => _queue.Enqueue(item);

    private void DropQueue()
    {
        while (_queue.TryDequeue(out var item))
        {
            if (item.Kind == ItemKind.Data)
            {
                _source.ReturnConnectionCredit(item.Length - item.Offset);
                _outstanding -= item.Length - item.Offset;
            }

            Return(item);
        }
    }

    private void CloseLocked() => _closed = true;

    // The destination stream is over: once only.
    private void Ended()
    {
        if (_ended is not null && !_endedCalled)
        {
            _endedCalled = true;
            _ended(this);
        }
    }

    private static void Return(Item item)
    {
        if (item.Buffer is { Length: > 0 } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum ItemKind : byte
    {
        Data,
        Headers,
        Reset,
    }

    private sealed class Item
    {
        public ItemKind Kind;
        public byte[]? Buffer;
        public int Offset;
        public int Length;
        public bool EndStream;
        public Http2Error Code;

        public static Item ForData(in ReadOnlySequence<byte> data, bool endStream)
        {
            var length = (int)data.Length;
            var buffer = length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);
            data.CopyTo(buffer);
            return new Item { Kind = ItemKind.Data, Buffer = buffer, Length = length, EndStream = endStream };
        }

        public static Item ForHeaders(ReadOnlySpan<byte> block, bool endStream)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, block.Length));
            block.CopyTo(buffer);
            return new Item { Kind = ItemKind.Headers, Buffer = buffer, Length = block.Length, EndStream = endStream };
        }

        public static Item ForReset(Http2Error code) => new() { Kind = ItemKind.Reset, Code = code };
    }
}
