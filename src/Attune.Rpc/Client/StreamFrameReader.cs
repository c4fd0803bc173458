using System.Buffers;
using Attune.Rpc.Internal;
using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>Reads length-prefixed messages from a response body stream through one pooled buffer.</summary>
internal sealed class StreamFrameReader(Stream stream, int maxSize, string? encoding) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _start;
    private int _end;

    /// <summary>The next message, or null at the end of the body.</summary>
    /// <exception cref="RpcException">INTERNAL for a truncated or malformed frame, RESOURCE_EXHAUSTED when too large.</exception>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        if (!await FillAsync(GrpcProtocol.HeaderSize, cancellationToken).ConfigureAwait(false))
        {
            return _end == _start ? null : throw Incomplete();
        }

        var compressed = MessageCodec.ParseHeader(_buffer.AsSpan(_start, GrpcProtocol.HeaderSize), maxSize, out var length);
        var total = GrpcProtocol.HeaderSize + length;
        if (!await FillAsync(total, cancellationToken).ConfigureAwait(false))
        {
            throw Incomplete();
        }

        var payload = new ReadOnlySequence<byte>(_buffer, _start + GrpcProtocol.HeaderSize, length);
        var message = MessageCodec.Parse(parser, payload, compressed, encoding, maxSize);
        _start += total;
        return message;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RpcException Incomplete() =>
        new(StatusCode.Internal, "Incomplete message: the response ended inside a frame.");

    private async ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        while (_end - _start < needed)
        {
            if (_buffer.Length - _start < needed)
            {
                var bigger = _buffer.Length >= needed ? _buffer : ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                Buffer.BlockCopy(_buffer, _start, bigger, 0, _end - _start);
                if (!ReferenceEquals(bigger, _buffer))
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }

                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }
}
