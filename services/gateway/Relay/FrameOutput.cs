using System.Buffers;
using System.Buffers.Binary;

namespace Attune.Gateway.Relay;

/// <summary>
/// The write side of one HTTP/2 connection: any thread appends whole frames (under one lock, so frames never
/// interleave and a header block's HEADERS and CONTINUATION frames stay together) to a buffer, and one loop writes the
/// buffer to the socket, swapping in a second buffer meanwhile. Frames that arrive while a write is in flight go out
/// together in the next write, so under load many streams' frames share one system call.
/// </summary>
internal sealed class FrameOutput
{
    private const int InitialBytes = 16 * 1024;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private byte[] _buffer = new byte[InitialBytes];
    private byte[] _spare = new byte[InitialBytes];
    private int _length;
    private bool _waiting;
    private bool _completed;

    /// <summary>True once <see cref="Complete"/> was called; later frames are dropped.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_lock)
            {
                return _completed;
            }
        }
    }

    /// <summary>Appends one frame.</summary>
    public void Frame(FrameType type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            var span = Reserve(Http2.FrameHeaderBytes + payload.Length);
            Http2.WriteFrameHeader(span, payload.Length, type, flags, streamId);
            payload.CopyTo(span[Http2.FrameHeaderBytes..]);
            _length += Http2.FrameHeaderBytes + payload.Length;
        }

        Wake();
    }

    /// <summary>Appends <paramref name="data"/> as DATA frames of at most <paramref name="maxFrameSize"/> bytes, END_STREAM on the last if asked.</summary>
    public void Data(int streamId, in ReadOnlySequence<byte> data, bool endStream, int maxFrameSize)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            var rest = data;
            do
            {
                var size = (int)Math.Min(rest.Length, maxFrameSize);
                var last = size == rest.Length;
                var span = Reserve(Http2.FrameHeaderBytes + size);
                Http2.WriteFrameHeader(span, size, FrameType.Data, last && endStream ? Http2.EndStream : (byte)0, streamId);
                rest.Slice(0, size).CopyTo(span[Http2.FrameHeaderBytes..]);
                _length += Http2.FrameHeaderBytes + size;
                rest = rest.Slice(size);
            }
            while (!rest.IsEmpty);
        }

        Wake();
    }

    /// <summary>Appends a header block as HEADERS plus as many CONTINUATION frames as <paramref name="maxFrameSize"/> needs.</summary>
    public void Headers(int streamId, ReadOnlySpan<byte> block, bool endStream, int maxFrameSize)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            var type = FrameType.Headers;
            do
            {
                var size = Math.Min(block.Length, maxFrameSize);
                var last = size == block.Length;
                var flags = (byte)((last ? Http2.EndHeaders : 0) | (type == FrameType.Headers && endStream ? Http2.EndStream : 0));
                var span = Reserve(Http2.FrameHeaderBytes + size);
                Http2.WriteFrameHeader(span, size, type, flags, streamId);
                block[..size].CopyTo(span[Http2.FrameHeaderBytes..]);
                _length += Http2.FrameHeaderBytes + size;
                block = block[size..];
                type = FrameType.Continuation;
            }
            while (!block.IsEmpty);
        }

        Wake();
    }

    /// <summary>Appends WINDOW_UPDATE for <paramref name="streamId"/> (0: the connection).</summary>
    public void WindowUpdate(int streamId, int increment)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, increment);
        Frame(FrameType.WindowUpdate, 0, streamId, payload);
    }

    /// <summary>Appends RST_STREAM.</summary>
    public void RstStream(int streamId, Http2Error code)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)code);
        Frame(FrameType.RstStream, 0, streamId, payload);
    }

    /// <summary>Appends GOAWAY.</summary>
    public void GoAway(int lastStreamId, Http2Error code)
    {
        Span<byte> payload = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(payload, lastStreamId);
        BinaryPrimitives.WriteUInt32BigEndian(payload[4..], (uint)code);
        Frame(FrameType.GoAway, 0, 0, payload);
    }

    /// <summary>Appends SETTINGS with (identifier, value) pairs.</summary>
    public void Settings(ReadOnlySpan<(ushort Id, uint Value)> settings)
    {
        Span<byte> payload = stackalloc byte[6 * settings.Length];
        for (var i = 0; i < settings.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload[(6 * i)..], settings[i].Id);
            BinaryPrimitives.WriteUInt32BigEndian(payload[(6 * i + 2)..], settings[i].Value);
        }

        Frame(FrameType.Settings, 0, 0, payload);
    }

    /// <summary>Appends raw bytes (the client connection preface).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            _length += bytes.Length;
        }

        Wake();
    }

    /// <summary>Writes what is buffered, then ends <see cref="RunAsync"/>; frames appended later are dropped.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
        }

        Wake(force: true);
    }

    /// <summary>Writes buffered frames with <paramref name="write"/> until <see cref="Complete"/>, or until a write fails.</summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, ValueTask> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            while (true)
            {
                byte[] chunk;
                int length;
                bool wait;
                lock (_lock)
                {
                    length = _length;
                    chunk = _buffer;
                    wait = length == 0;
                    if (wait)
                    {
                        if (_completed)
                        {
                            return;
                        }

                        _waiting = true;
                    }
                    else
                    {
                        (_buffer, _spare) = (_spare, _buffer);
                        _length = 0;
                    }
                }

                if (wait)
                {
                    await _signal.WaitAsync().ConfigureAwait(false);
                    continue;
                }

                await write(chunk.AsMemory(0, length)).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_lock)
            {
                _completed = true;
            }
        }
    }

    private void Wake(bool force = false)
    {
        // The flusher sets _waiting under the lock after seeing an empty buffer, so a frame appended before that is
        // seen by it, and one appended after sees _waiting here (the lock's release orders the two).
        if (!Volatile.Read(ref _waiting))
        {
            return;
        }

        bool release;
        lock (_lock)
        {
            release = _waiting && (_length > 0 || force);
            if (release)
            {
                _waiting = false;
            }
        }

        if (release)
        {
            _signal.Release();
        }
    }

    // Called under the lock: room for `bytes` more at _length.
    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length * 2, _length + bytes)];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }

        return _buffer.AsSpan(_length, bytes);
    }
}
