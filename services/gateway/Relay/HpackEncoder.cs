using System.Buffers;
using System.Text;

namespace Attune.Gateway.Relay;

/// <summary>
/// Encoder that never uses the dynamic table (every field a literal "without indexing", or an indexed static entry), so
/// it needs no state and the peer's SETTINGS_HEADER_TABLE_SIZE never matters. Strings are written raw (no Huffman).
/// </summary>
internal static class HpackEncoder
{
    private const int StackNameValueBytes = 256;

    /// <summary>
    /// Bytes <see cref="WriteHeader(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> needs at most for this field:
    /// the "new name" literal, 1 + L7(name) + name + L7(value) + value, L7 an integer with a 7-bit prefix (5.1).
    /// </summary>
    public static int MaxLength(int nameLength, int valueLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nameLength);
        ArgumentOutOfRangeException.ThrowIfNegative(valueLength);
        return checked(1 + IntegerLength(nameLength, 7) + nameLength + IntegerLength(valueLength, 7) + valueLength);
    }

    /// <summary>
    /// Appends one field: a static entry matching name and value as an indexed field (6.1, one byte, e.g.
    /// ":status: 200"); a static name as "literal without indexing, indexed name" (6.2.2); else "literal without
    /// indexing, new name". Names must already be lower-case. Returns bytes written; <paramref name="destination"/>
    /// must have <see cref="MaxLength"/> room.
    /// </summary>
    public static int WriteHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (destination.Length < MaxLength(name.Length, value.Length))
        {
            throw new ArgumentException("Destination is shorter than MaxLength.", nameof(destination));
        }

        var index = HpackStaticTable.Find(name, value, out var exact);
        if (exact)
        {
            return WriteInteger(index, 7, 0x80, destination);
        }

        int written;
        if (index != 0)
        {
            written = WriteInteger(index, 4, 0x00, destination);
        }
        else
        {
            destination[0] = 0x00;
            written = 1 + WriteString(name, destination[1..]);
        }

        return written + WriteString(value, destination[written..]);
    }

    /// <summary>
    /// Convenience overload for ASCII strings (header names/values the gateway writes itself); throws
    /// <see cref="ArgumentException"/> for other characters.
    /// </summary>
    public static int WriteHeader(string name, string value, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var length = name.Length + value.Length;
        byte[]? rented = null;
        var bytes = length <= StackNameValueBytes
            ? stackalloc byte[StackNameValueBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            if (Ascii.FromUtf16(name, bytes, out _) != OperationStatus.Done
                || Ascii.FromUtf16(value, bytes[name.Length..], out _) != OperationStatus.Done)
            {
                throw new ArgumentException("Header names and values must be ASCII.");
            }

            return WriteHeader(bytes[..name.Length], bytes.Slice(name.Length, value.Length), destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Bytes of <paramref name="value"/> as an integer with an N-bit prefix (5.1).</summary>
    internal static int IntegerLength(int value, int prefixBits)
    {
        var mask = (1 << prefixBits) - 1;
        if (value < mask)
        {
            return 1;
        }

        var length = 2;
        for (var rest = (uint)(value - mask); rest >= 128; rest >>= 7)
        {
            length++;
        }

        return length;
    }

    /// <summary>
    /// Writes <paramref name="value"/> with an N-bit prefix (5.1) into the first byte, whose other bits are
    /// <paramref name="firstBits"/>; returns bytes written.
    /// </summary>
    internal static int WriteInteger(int value, int prefixBits, byte firstBits, Span<byte> destination)
    {
        var mask = (1 << prefixBits) - 1;
        if (value < mask)
        {
            destination[0] = (byte)(firstBits | value);
            return 1;
        }

        destination[0] = (byte)(firstBits | mask);
        var written = 1;
        var rest = (uint)(value - mask);
        while (rest >= 128)
        {
            destination[written++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        destination[written++] = (byte)rest;
        return written;
    }

    /// <summary>A raw string literal (5.2, H = 0): 7-bit prefix length, then the octets.</summary>
    private static int WriteString(ReadOnlySpan<byte> s, Span<byte> destination)
    {
        var written = WriteInteger(s.Length, 7, 0x00, destination);
        s.CopyTo(destination[written..]);
        return written + s.Length;
    }
}
