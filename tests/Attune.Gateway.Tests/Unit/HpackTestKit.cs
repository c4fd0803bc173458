using System.Text;
using Attune.Gateway.Relay;

namespace Attune.Gateway.Tests.Unit;

/// <summary>Helpers shared by the HPACK tests: hex blocks, a collecting sink, a Huffman encoder of our own.</summary>
internal static class HpackTestKit
{
    /// <summary>The bytes of a hex dump as the RFC prints them ("8286 8441 ...").</summary>
    public static byte[] Hex(string dump) => Convert.FromHexString(dump.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Decodes one block and returns its fields as strings (Latin-1, so any octet survives).</summary>
    public static List<(string Name, string Value)> Decode(HpackDecoder decoder, byte[] block, int maxHeaderListSize = 64 * 1024)
    {
        var sink = new CollectingSink([]);
        decoder.Decode(block, ref sink, maxHeaderListSize);
        return sink.Fields;
    }

    /// <summary>The dynamic table, newest first, as strings.</summary>
    public static List<(string Name, string Value)> Table(HpackDecoder decoder)
    {
        var entries = new List<(string, string)>();
        for (var i = 1; i <= decoder.DynamicTableCount; i++)
        {
            decoder.GetDynamicEntry(i, out var name, out var value);
            entries.Add((Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
        }

        return entries;
    }

    /// <summary>
    /// Huffman-encodes <paramref name="s"/> (RFC 7541 5.2): the canonical code rebuilt from
    /// <see cref="HpackHuffman.CodeLengths"/>, padded with the most significant bits of EOS (ones).
    /// </summary>
    public static byte[] HuffmanEncode(ReadOnlySpan<byte> s)
    {
        var codes = CanonicalCodes();
        var output = new List<byte>();
        ulong pending = 0;
        var bits = 0;
        foreach (var b in s)
        {
            var (code, length) = codes[b];
            pending = (pending << length) | code;
            bits += length;
            while (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(pending >> bits));
            }
        }

        if (bits > 0)
        {
            output.Add((byte)((pending << (8 - bits)) | (0xffu >> bits)));
        }

        return [.. output];
    }

    /// <summary>Code and length of each symbol 0..256: in order of (length, symbol), each the previous + 1, shifted.</summary>
    public static (uint Code, int Length)[] CanonicalCodes()
    {
        var lengths = HpackHuffman.CodeLengths.ToArray();
        var order = Enumerable.Range(0, lengths.Length).OrderBy(s => lengths[s]).ThenBy(s => s).ToArray();
        var codes = new (uint, int)[lengths.Length];
        var code = 0u;
        var previous = (int)lengths[order[0]];
        foreach (var symbol in order)
        {
            code <<= lengths[symbol] - previous;
            previous = lengths[symbol];
            codes[symbol] = (code, previous);
            code++;
        }

        return codes;
    }

    /// <summary>A string literal (5.2), Huffman-coded or raw.</summary>
    public static byte[] StringLiteral(byte[] s, bool huffman)
    {
        var octets = huffman ? HuffmanEncode(s) : s;
        var prefix = new byte[8];
        var length = HpackEncoder.WriteInteger(octets.Length, 7, huffman ? (byte)0x80 : (byte)0x00, prefix);
        return [.. prefix.AsSpan(0, length), .. octets];
    }

    /// <summary>Collects every field as strings.</summary>
    public readonly struct CollectingSink(List<(string Name, string Value)> fields) : IHpackSink
    {
        public List<(string Name, string Value)> Fields { get; } = fields;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
            Fields.Add((Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
    }

    /// <summary>Counts fields and bytes without allocating.</summary>
    public struct CountingSink : IHpackSink
    {
        public int Fields;
        public long Bytes;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            Fields++;
            Bytes += name.Length + value.Length;
        }
    }
}
