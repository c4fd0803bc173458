using System.Text;

namespace Attune.Gateway.Relay;

/// <summary>The static table of RFC 7541 Appendix A: 61 entries, indices 1..61.</summary>
internal static class HpackStaticTable
{
    /// <summary>Number of entries; dynamic table indices start at <c>Count + 1</c> (section 2.3.3).</summary>
    public const int Count = 61;

    private static readonly byte[][] Names;
    private static readonly byte[][] Values;

    /// <summary>For each name length, the indices of the entries whose name has that length, ascending.</summary>
    private static readonly int[][] ByNameLength;

    static HpackStaticTable()
    {
        (string Name, string Value)[] entries =
        [
            (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"),
            (":scheme", "http"), (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"),
            (":status", "304"), (":status", "400"), (":status", "404"), (":status", "500"), ("accept-charset", ""),
            ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""), ("accept", ""),
            ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""),
            ("cache-control", ""), ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""),
            ("content-length", ""), ("content-location", ""), ("content-range", ""), ("content-type", ""),
            ("cookie", ""), ("date", ""), ("etag", ""), ("expect", ""), ("expires", ""), ("from", ""), ("host", ""),
            ("if-match", ""), ("if-modified-since", ""), ("if-none-match", ""), ("if-range", ""),
            ("if-unmodified-since", ""), ("last-modified", ""), ("link", ""), ("location", ""), ("max-forwards", ""),
            ("proxy-authenticate", ""), ("proxy-authorization", ""), ("range", ""), ("referer", ""), ("refresh", ""),
            ("retry-after", ""), ("server", ""), ("set-cookie", ""), ("strict-transport-security", ""),
            ("transfer-encoding", ""), ("user-agent", ""), ("vary", ""), ("via", ""), ("www-authenticate", ""),
        ];

        Names = new byte[Count + 1][];
        Values = new byte[Count + 1][];
        var maxLength = 0;
        for (var i = 1; i <= Count; i++)
        {
            Names[i] = Encoding.ASCII.GetBytes(entries[i - 1].Name);
            Values[i] = Encoding.ASCII.GetBytes(entries[i - 1].Value);
            maxLength = Math.Max(maxLength, Names[i].Length);
        }

        ByNameLength = new int[maxLength + 1][];
        for (var length = 0; length <= maxLength; length++)
        {
            var matching = new List<int>();
            for (var i = 1; i <= Count; i++)
            {
                if (Names[i].Length == length)
                {
                    matching.Add(i);
                }
            }

            ByNameLength[length] = [.. matching];
        }
    }

    /// <summary>The name of entry <paramref name="index"/> (1..61).</summary>
    public static ReadOnlySpan<byte> Name(int index) => Names[index];

    /// <summary>The value of entry <paramref name="index"/> (1..61); empty for name-only entries.</summary>
    public static ReadOnlySpan<byte> Value(int index) => Values[index];

    /// <summary>
    /// Looks a field up: the index of the entry with this name and value (<paramref name="exact"/> true), else of the
    /// first entry with this name (<paramref name="exact"/> false), else 0.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, out bool exact)
    {
        exact = false;
        if (name.Length >= ByNameLength.Length)
        {
            return 0;
        }

        var nameIndex = 0;
        foreach (var i in ByNameLength[name.Length])
        {
            if (!name.SequenceEqual(Names[i]))
            {
                // Entries with the same name are adjacent: once one matched, a mismatch ends them.
                if (nameIndex != 0)
                {
                    break;
                }

                continue;
            }

            if (nameIndex == 0)
            {
                nameIndex = i;
            }

            if (value.SequenceEqual(Values[i]))
            {
                exact = true;
                return i;
            }
        }

        return nameIndex;
    }
}
