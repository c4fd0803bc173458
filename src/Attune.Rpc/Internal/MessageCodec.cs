using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Attune.Rpc.Internal;

/// <summary>
/// Length-prefixed message framing shared by server and client: 1 byte compressed flag, 4 bytes big-endian length, then
/// the (possibly gzip-compressed) protobuf message.
/// </summary>
internal static class MessageCodec
{
    /// <summary>Writes one framed message to <paramref name="writer"/>.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message exceeds <paramref name="maxSize"/>.</exception>
    public static void WriteFrame(IBufferWriter<byte> writer, IMessage message, bool compress, int? maxSize)
    {
        var size = message.CalculateSize();
        CheckSendSize(size, maxSize);
        if (!compress)
        {
            var header = writer.GetSpan(GrpcProtocol.HeaderSize);
            header[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
            writer.Advance(GrpcProtocol.HeaderSize);
            if (size > 0)
            {
                message.WriteTo(writer);
            }

            return;
        }

        var plain = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            using var compressed = new PooledBufferWriter(Math.Max(64, size / 2));
            using (var gzip = new GZipStream(compressed.AsStream(), CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(plain, 0, size);
            }

            var header = writer.GetSpan(GrpcProtocol.HeaderSize);
            header[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)compressed.WrittenCount);
            writer.Advance(GrpcProtocol.HeaderSize);
            writer.Write(compressed.WrittenSpan);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false when more bytes are needed.
    /// </summary>
    /// <exception cref="RpcException">INTERNAL for a bad flag, RESOURCE_EXHAUSTED for a length over the limit.</exception>
    public static bool TryReadFrame(
        ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> payload, out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        compressed = ParseHeader(header, maxSize, out var length);
        if (buffer.Length - GrpcProtocol.HeaderSize < length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Validates a frame header and returns whether its message is compressed.</summary>
    public static bool ParseHeader(ReadOnlySpan<byte> header, int maxSize, out int length)
    {
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(StatusCode.Internal, "Invalid compressed flag in message frame.");
        }

        var declared = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (declared > (uint)maxSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted, $"Received message larger than max ({declared} vs. {maxSize}).");
        }

        length = (int)declared;
        return flag == 1;
    }

    /// <summary>Parses a frame's payload, decompressing it first when <paramref name="compressed"/>.</summary>
    public static T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload, bool compressed, string? encoding, int maxSize)
        where T : IMessage<T>
    {
        try
        {
            if (!compressed)
            {
                return parser.ParseFrom(payload);
            }

            if (!string.Equals(encoding, GrpcProtocol.Gzip, StringComparison.Ordinal))
            {
                throw new RpcException(StatusCode.Internal, "Compressed message received without a supported grpc-encoding.");
            }

            using var plain = Decompress(payload, maxSize);
            return parser.ParseFrom(plain.WrittenSpan);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to deserialize message.");
        }
        catch (InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to decompress message.");
        }
    }

    public static void CheckSendSize(int size, int? maxSize)
    {
        if (maxSize is { } max && size > max)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {max}).");
        }
    }

    private static PooledBufferWriter Decompress(in ReadOnlySequence<byte> payload, int maxSize)
    {
        var input = payload.ToArray();
        var output = new PooledBufferWriter(Math.Max(256, input.Length * 2));
        try
        {
            using var gzip = new GZipStream(new MemoryStream(input), CompressionMode.Decompress);
            while (true)
            {
                var span = output.GetSpan(4096);
                var n = gzip.Read(span);
                if (n == 0)
                {
                    return output;
                }

                output.Advance(n);
                if (output.WrittenCount > maxSize)
                {
                    throw new RpcException(
                        StatusCode.ResourceExhausted, $"Received message larger than max after decompression (max {maxSize}).");
                }
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
