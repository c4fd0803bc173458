using System.Buffers;
using System.Buffers.Binary;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// Follows the gRPC length-prefixed frames (1 flag byte, 4 bytes big-endian length, the message) of a body as it streams
/// through, without buffering it: reports the first message longer than the limit, and whether the bytes seen so far end
/// on a frame boundary.
/// </summary>
internal sealed class GrpcFrameMeter(int maxMessageBytes)
{
    private const int PrefixBytes = 5;
    private readonly byte[] _prefix = new byte[PrefixBytes];
    private int _prefixFilled;
    private long _bodyLeft;

    /// <summary>Observes the next bytes; false as soon as a frame announces a message over the limit.</summary>
    public bool Observe(in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            if (!Observe(segment.Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The length announced by the frame that broke the limit.</summary>
    public long Announced { get; private set; }

    /// <summary>True when the bytes seen so far are whole frames.</summary>
    public bool AtBoundary => _prefixFilled == 0 && _bodyLeft == 0;

    /// <summary>Observes the next bytes; false as soon as a frame announces a message over the limit.</summary>
    public bool Observe(ReadOnlySpan<byte> span)
    {
        while (!span.IsEmpty)
        {
            if (_bodyLeft > 0)
            {
                var skip = (int)Math.Min(_bodyLeft, span.Length);
                _bodyLeft -= skip;
                span = span[skip..];
                continue;
            }

            var take = Math.Min(PrefixBytes - _prefixFilled, span.Length);
            span[..take].CopyTo(_prefix.AsSpan(_prefixFilled));
            _prefixFilled += take;
            span = span[take..];
            if (_prefixFilled == PrefixBytes)
            {
                _prefixFilled = 0;
                _bodyLeft = BinaryPrimitives.ReadUInt32BigEndian(_prefix.AsSpan(1));
                if (_bodyLeft > maxMessageBytes)
                {
                    Announced = _bodyLeft;
                    return false;
                }
            }
        }

        return true;
    }
}
