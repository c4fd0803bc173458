using System.Buffers;
using System.Buffers.Binary;

namespace Attune.Gateway.Relay;

/// <summary>HTTP/2 frame types (RFC 9113 section 6).</summary>
internal enum FrameType : byte
{
    Data = 0x0,
    Headers = 0x1,
    Priority = 0x2,
    RstStream = 0x3,
    Settings = 0x4,
    PushPromise = 0x5,
    Ping = 0x6,
    GoAway = 0x7,
    WindowUpdate = 0x8,
    Continuation = 0x9,
}

/// <summary>HTTP/2 error codes (RFC 9113 section 7).</summary>
internal enum Http2Error : uint
{
    NoError = 0x0,
    ProtocolError = 0x1,
    InternalError = 0x2,
    FlowControlError = 0x3,
    StreamClosed = 0x5,
    FrameSizeError = 0x6,
    RefusedStream = 0x7,
    Cancel = 0x8,
    CompressionError = 0x9,
    EnhanceYourCalm = 0xb,
}

/// <summary>A connection error: the connection ends with GOAWAY carrying <see cref="Code"/>.</summary>
internal sealed class Http2ConnectionException(Http2Error code, string message) : Exception(message)
{
    /// <summary>The GOAWAY error code.</summary>
    public Http2Error Code { get; } = code;
}

/// <summary>
/// The HTTP/2 constants and frame layout the relay uses: a frame is a 9-byte header (24-bit payload length, 8-bit type,
/// 8-bit flags, 1 reserved bit and a 31-bit stream id, all big-endian) and the payload (RFC 9113 section 4.1).
/// </summary>
internal static class Http2
{
    /// <summary>Bytes of a frame header.</summary>
    public const int FrameHeaderBytes = 9;

    /// <summary>The client connection preface (RFC 9113 section 3.4).</summary>
    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>Flag END_STREAM (DATA, HEADERS) and ACK (SETTINGS, PING) share bit 0x1.</summary>
    public const byte EndStream = 0x1;

    /// <summary>ACK of SETTINGS and PING.</summary>
    public const byte Ack = 0x1;

    /// <summary>END_HEADERS (HEADERS, CONTINUATION).</summary>
    public const byte EndHeaders = 0x4;

    /// <summary>PADDED (DATA, HEADERS).</summary>
    public const byte Padded = 0x8;

    /// <summary>PRIORITY (HEADERS).</summary>
    public const byte PriorityFlag = 0x20;

    /// <summary>The default and smallest SETTINGS_MAX_FRAME_SIZE.</summary>
    public const int DefaultMaxFrameSize = 16_384;

    /// <summary>The initial flow-control window of streams and connections before any SETTINGS (65,535).</summary>
    public const int DefaultWindow = 65_535;

    /// <summary>The largest flow-control window, 2^31 - 1.</summary>
    public const int MaxWindow = int.MaxValue;

    /// <summary>SETTINGS identifiers (RFC 9113 section 6.5.2).</summary>
    public const ushort SettingsHeaderTableSize = 0x1, SettingsEnablePush = 0x2, SettingsMaxConcurrentStreams = 0x3,
        SettingsInitialWindowSize = 0x4, SettingsMaxFrameSize = 0x5, SettingsMaxHeaderListSize = 0x6;

    /// <summary>Writes a frame header into the first 9 bytes of <paramref name="destination"/>.</summary>
    public static void WriteFrameHeader(Span<byte> destination, int length, FrameType type, byte flags, int streamId)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = (byte)type;
        destination[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], streamId & int.MaxValue);
    }

    /// <summary>
    /// Reads one whole frame from the front of <paramref name="buffer"/> (advancing past it); false when the frame is not
    /// complete yet. A payload above <paramref name="maxFrameSize"/> is a FRAME_SIZE_ERROR.
    /// </summary>
    public static bool TryReadFrame(
        ref ReadOnlySequence<byte> buffer, int maxFrameSize, out FrameHeader header, out ReadOnlySequence<byte> payload)
    {
        header = default;
        payload = default;
        if (buffer.Length < FrameHeaderBytes)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[FrameHeaderBytes];
        buffer.Slice(0, FrameHeaderBytes).CopyTo(head);
        var length = (head[0] << 16) | (head[1] << 8) | head[2];
        if (length > maxFrameSize)
        {
            throw new Http2ConnectionException(Http2Error.FrameSizeError, $"A frame of {length} bytes exceeds the maximum frame size of {maxFrameSize}.");
        }

        if (buffer.Length < FrameHeaderBytes + length)
        {
            return false;
        }

        header = new FrameHeader(length, (FrameType)head[3], head[4], BinaryPrimitives.ReadInt32BigEndian(head[5..]) & int.MaxValue);
        payload = buffer.Slice(FrameHeaderBytes, length);
        buffer = buffer.Slice(FrameHeaderBytes + length);
        return true;
    }

    /// <summary>The payload less its padding (PADDED flag: one pad-length byte first, that many bytes last).</summary>
    public static ReadOnlySequence<byte> Unpad(in FrameHeader header, ReadOnlySequence<byte> payload)
    {
        if ((header.Flags & Padded) == 0)
        {
            return payload;
        }

        if (payload.Length < 1)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, "A padded frame has no pad length.");
        }

        var pad = payload.FirstSpan[0];
        if (pad >= payload.Length)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, "Padding is longer than the frame.");
        }

        return payload.Slice(1, payload.Length - 1 - pad);
    }

    /// <summary>Reads a 32-bit big-endian value at <paramref name="offset"/> of a short payload.</summary>
    public static uint ReadUInt32(in ReadOnlySequence<byte> payload, int offset)
    {
        Span<byte> four = stackalloc byte[4];
        payload.Slice(offset, 4).CopyTo(four);
        return BinaryPrimitives.ReadUInt32BigEndian(four);
    }
}

/// <summary>A frame's header: payload length, type, flags and stream id.</summary>
internal readonly record struct FrameHeader(int Length, FrameType Type, byte Flags, int StreamId)
{
    /// <summary>Whether <paramref name="flag"/> is set.</summary>
    public bool Has(byte flag) => (Flags & flag) != 0;
}
