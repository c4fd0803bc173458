using System.Buffers;
using System.Text;

namespace Attune.Rpc.Internal;

/// <summary>
/// The percent-encoding of <c>grpc-message</c>: UTF-8 bytes outside printable ASCII (0x20-0x7E), and '%' itself, become
/// <c>%XX</c>. Decoding leaves malformed escapes as they are, as the specification asks.
/// </summary>
internal static class PercentEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E || c == '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E || b == '%')
            {
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(value.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && HexValue(value[i + 1]) >= 0 && HexValue(value[i + 2]) >= 0)
                {
                    buffer[n++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else if (c <= 0x7F)
                {
                    buffer[n++] = (byte)c;
                }
                else
                {
                    // Not valid in a header value; keep it rather than fail the call over a cosmetic field.
                    return value;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
