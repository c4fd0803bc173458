namespace Attune.Gateway.Relay;

/// <summary>
/// The Huffman code of RFC 7541 Appendix B, decoding side (section 5.2). The code is canonical: codes are assigned in
/// order of (code length, symbol), each the previous plus one, shifted left when the length grows; so the 257 code
/// lengths determine it entirely, and only they are stored.
/// </summary>
internal static class HpackHuffman
{
    /// <summary>The end-of-string symbol (30 ones); never valid inside a string literal.</summary>
    public const int Eos = 256;

    /// <summary>
    /// Code length of each symbol 0..256 (RFC 7541 Appendix B), one character per symbol: <c>'A' + length - 5</c>
    /// (lengths run from 5 to 30).
    /// </summary>
    private const string Lengths =
        "ISXXXXXXXTZXXZXXXXXXXXZXXXXXXXXX" // 0..31
        + "BFFHIBDGFFDGDBBBAAABBBBBBBCDKBHF" // 32..63
        + "IBCCCCCCCCCCCCCCCCCCCCCCDCDIOIJB" // 64..95
        + "KABABABBBACCBBBABCBAABCCCCCKGJIX" // 96..127
        + "PRPPRRRSRSSSSSTSTTRSTSSSSQRSRSST" // 128..159
        + "RQPRRSSQSRRTQRSSQQRQSRSSPRRRSRRS" // 160..191
        + "VVPORSRUVVVWWVTUOQVWWVWTQQVVXWWW" // 192..223
        + "PTPQRQQSRRUUTTVSVWVVWWWWWXWWWWWV" // 224..255
        + "Z"; // 256 (EOS)

    // One transition per (state, nibble): bits 0-7 next state, 8-15 symbol, then the flags below.
    private const uint Emits = 1u << 16;
    private const uint Accepts = 1u << 17;
    private const uint Fails = 1u << 18;

    private static readonly byte[] CodeLengthTable;

    /// <summary>
    /// Decoding automaton, 4 bits at a time. A state is an internal node of the code tree (256 of them, root 0);
    /// <c>Transitions[state * 16 + nibble]</c> walks 4 bits, emitting at most one symbol (codes are at least 5 bits).
    /// </summary>
    private static readonly uint[] Transitions;

    static HpackHuffman()
    {
        CodeLengthTable = new byte[Lengths.Length];
        for (var i = 0; i < Lengths.Length; i++)
        {
            CodeLengthTable[i] = (byte)(Lengths[i] - 'A' + 5);
        }

        // Code tree: child[node * 2 + bit] is an internal node (> 0) or a leaf, ~symbol (< 0); 0 is unset.
        var child = new int[2 * 256];
        var depth = new int[256];
        var allOnes = new bool[256];
        allOnes[0] = true;
        var nodes = 1;
        foreach (var (symbol, code, length) in CanonicalCodes())
        {
            var node = 0;
            for (var bit = length - 1; bit > 0; bit--)
            {
                var b = (int)(code >> bit) & 1;
                if (child[node * 2 + b] == 0)
                {
                    child[node * 2 + b] = nodes;
                    depth[nodes] = depth[node] + 1;
                    allOnes[nodes] = allOnes[node] && b == 1;
                    nodes++;
                }

                node = child[node * 2 + b];
            }

            child[node * 2 + (int)(code & 1)] = ~symbol;
        }

        Transitions = new uint[256 * 16];
        for (var state = 0; state < 256; state++)
        {
            for (var nibble = 0; nibble < 16; nibble++)
            {
                var node = state;
                var entry = 0u;
                for (var bit = 3; bit >= 0; bit--)
                {
                    var next = child[node * 2 + ((nibble >> bit) & 1)];
                    if (next >= 0)
                    {
                        node = next;
                        continue;
                    }

                    if (~next == Eos)
                    {
                        entry |= Fails;
                        break;
                    }

                    entry |= Emits | ((uint)~next << 8);
                    node = 0;
                }

                // Padding (5.2): the bits since the last symbol, all ones and at most 7, may end the string.
                if (allOnes[node] && depth[node] <= 7)
                {
                    entry |= Accepts;
                }

                Transitions[state * 16 + nibble] = entry | (uint)node;
            }
        }
    }

    /// <summary>Code length in bits of each symbol 0..256 (256 is EOS), RFC 7541 Appendix B.</summary>
    public static ReadOnlySpan<byte> CodeLengths => CodeLengthTable;

    /// <summary>Upper bound of the decoded length of <paramref name="encodedLength"/> bytes: ⌊8n / 5⌋ (shortest code 5 bits).</summary>
    public static int MaxDecodedLength(int encodedLength) => (int)(encodedLength * 8L / 5);

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxDecodedLength"/> long) and returns the decoded length. Throws <see cref="HpackException"/> for EOS
    /// in the string, padding over 7 bits, or padding not all ones (5.2).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var transitions = Transitions;
        var state = 0u;
        var accepts = true;
        var written = 0;
        foreach (var b in source)
        {
            var entry = transitions[(state << 4) | (uint)(b >> 4)];
            if ((entry & (Emits | Fails)) != 0)
            {
                if ((entry & Fails) != 0)
                {
                    throw new HpackException("Huffman-coded string contains EOS.");
                }

                destination[written++] = (byte)(entry >> 8);
            }

            state = entry & 0xff;
            entry = transitions[(state << 4) | (uint)(b & 0xf)];
            if ((entry & (Emits | Fails)) != 0)
            {
                if ((entry & Fails) != 0)
                {
                    throw new HpackException("Huffman-coded string contains EOS.");
                }

                destination[written++] = (byte)(entry >> 8);
            }

            state = entry & 0xff;
            accepts = (entry & Accepts) != 0;
        }

        if (!accepts)
        {
            throw new HpackException("Huffman-coded string has padding over 7 bits or not all ones.");
        }

        return written;
    }

    /// <summary>The canonical code: (symbol, code, length) in order of (length, symbol).</summary>
    private static IEnumerable<(int Symbol, uint Code, int Length)> CanonicalCodes()
    {
        var symbols = new int[CodeLengthTable.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = i;
        }

        // Stable by construction: ties on length are broken by the symbol.
        Array.Sort(symbols, (a, b) => CodeLengthTable[a] != CodeLengthTable[b]
            ? CodeLengthTable[a].CompareTo(CodeLengthTable[b])
            : a.CompareTo(b));
        var code = 0u;
        int length = CodeLengthTable[symbols[0]];
        foreach (var symbol in symbols)
        {
            code <<= CodeLengthTable[symbol] - length;
            length = CodeLengthTable[symbol];
            yield return (symbol, code, length);
            code++;
        }
    }
}
