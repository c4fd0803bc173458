namespace Attune.Gateway.Relay;

/// <summary>
/// Decoder with its own dynamic table; one per HTTP/2 connection direction. Not thread-safe. After an
/// <see cref="HpackException"/> the table state is undefined: the connection must end (COMPRESSION_ERROR).
/// </summary>
internal sealed class HpackDecoder
{
    private readonly HpackDynamicTable _table;
    private byte[] _scratch = [];
    private int _scratchUsed;

    /// <summary>
    /// <paramref name="maxTableSize"/>: SETTINGS_HEADER_TABLE_SIZE we advertised (default 4096); a dynamic table size
    /// update above it is an error.
    /// </summary>
    public HpackDecoder(int maxTableSize = 4096)
    {
        _table = new HpackDynamicTable(maxTableSize);
    }

    /// <summary>The dynamic table's size: sum over entries of name + value + 32 (4.1).</summary>
    public int DynamicTableSize => _table.Size;

    /// <summary>The number of dynamic table entries.</summary>
    public int DynamicTableCount => _table.Count;

    /// <summary>The dynamic table's current maximum size, as last set by a size update (6.3).</summary>
    public int DynamicTableMaxSize => _table.MaxSize;

    /// <summary>Dynamic table entry <paramref name="index"/>, 1 the newest (index 62 on the wire).</summary>
    public void GetDynamicEntry(int index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) =>
        _table.Get(index, out name, out value);

    /// <summary>
    /// Decodes one complete header block (the concatenated HEADERS/CONTINUATION fragments), handing each field to
    /// <paramref name="sink"/> in order. <paramref name="maxHeaderListSize"/>: sum over fields of name + value + 32 bytes
    /// (RFC 7540 6.5.2) above which <see cref="HpackException"/> is thrown.
    /// </summary>
    public void Decode<TSink>(ReadOnlySpan<byte> block, ref TSink sink, int maxHeaderListSize = 64 * 1024)
        where TSink : struct, IHpackSink
    {
        var pos = 0;
        var listSize = 0L;
        var fieldSeen = false;
        while (pos < block.Length)
        {
            var first = block[pos];
            if ((first & 0x80) != 0)
            {
                // 6.1 Indexed header field: 1xxxxxxx, 7-bit index.
                var index = ReadInteger(block, ref pos, 7);
                GetEntry(index, out var name, out var value);
                Emit(name, value, ref sink, ref listSize, maxHeaderListSize);
                fieldSeen = true;
            }
            else if ((first & 0x40) != 0)
            {
                // 6.2.1 Literal with incremental indexing: 01xxxxxx, 6-bit name index.
                DecodeLiteral(block, ref pos, 6, true, ref sink, ref listSize, maxHeaderListSize);
                fieldSeen = true;
            }
            else if ((first & 0x20) != 0)
            {
                // 6.3 Dynamic table size update: 001xxxxx, 5-bit size; only before the first field (4.2).
                if (fieldSeen)
                {
                    throw new HpackException("Dynamic table size update after a header field.");
                }

                var size = ReadInteger(block, ref pos, 5);
                if (size > _table.Capacity)
                {
                    throw new HpackException(
                        $"Dynamic table size update to {size} exceeds SETTINGS_HEADER_TABLE_SIZE {_table.Capacity}.");
                }

                _table.SetMaxSize(size);
            }
            else
            {
                // 6.2.2 without indexing (0000xxxx) and 6.2.3 never indexed (0001xxxx): 4-bit name index.
                DecodeLiteral(block, ref pos, 4, false, ref sink, ref listSize, maxHeaderListSize);
                fieldSeen = true;
            }
        }
    }

    /// <summary>
    /// Reads an integer with an N-bit prefix (5.1) starting at <paramref name="pos"/>: the prefix bits, and when all
    /// ones, I = 2^N − 1 + Σ (b_k &amp; 127) · 128^k over the continuation bytes. At most 5 continuation bytes and
    /// values up to <see cref="int.MaxValue"/>.
    /// </summary>
    internal static int ReadInteger(ReadOnlySpan<byte> block, ref int pos, int prefixBits)
    {
        if (pos >= block.Length)
        {
            throw new HpackException("Truncated integer.");
        }

        var mask = (1 << prefixBits) - 1;
        var value = block[pos++] & mask;
        if (value < mask)
        {
            return value;
        }

        long result = value;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw new HpackException("Integer has more than 5 continuation bytes.");
            }

            if (pos >= block.Length)
            {
                throw new HpackException("Truncated integer.");
            }

            var b = block[pos++];
            result += (long)(b & 0x7f) << shift;
            if (result > int.MaxValue)
            {
                throw new HpackException("Integer exceeds 2^31 - 1.");
            }

            if ((b & 0x80) == 0)
            {
                return (int)result;
            }
        }
    }

    private void DecodeLiteral<TSink>(
        ReadOnlySpan<byte> block, ref int pos, int prefixBits, bool indexing, ref TSink sink, ref long listSize,
        int maxHeaderListSize)
        where TSink : struct, IHpackSink
    {
        _scratchUsed = 0;
        var nameIndex = ReadInteger(block, ref pos, prefixBits);
        var nameRef = default(StringRef);
        if (nameIndex == 0)
        {
            nameRef = ReadString(block, ref pos);
        }
        else if (nameIndex > HpackStaticTable.Count + _table.Count)
        {
            throw new HpackException($"Header name index {nameIndex} beyond the tables.");
        }

        var valueRef = ReadString(block, ref pos);

        // Resolve only now: a Huffman string may have grown (moved) the scratch buffer.
        ReadOnlySpan<byte> name;
        if (nameIndex == 0)
        {
            name = Resolve(nameRef, block);
        }
        else
        {
            GetEntry(nameIndex, out name, out _);
        }

        var value = Resolve(valueRef, block);
        Emit(name, value, ref sink, ref listSize, maxHeaderListSize);
        if (indexing)
        {
            _table.Add(name, value);
        }
    }

    /// <summary>Reads a string literal (5.2): H bit, 7-bit prefix length, the octets, Huffman-decoded into scratch when H.</summary>
    private StringRef ReadString(ReadOnlySpan<byte> block, ref int pos)
    {
        if (pos >= block.Length)
        {
            throw new HpackException("Truncated string literal.");
        }

        var huffman = (block[pos] & 0x80) != 0;
        var length = ReadInteger(block, ref pos, 7);
        if (length > block.Length - pos)
        {
            throw new HpackException("Truncated string literal.");
        }

        var start = pos;
        pos += length;
        if (!huffman)
        {
            return new StringRef(false, start, length);
        }

        var needed = _scratchUsed + HpackHuffman.MaxDecodedLength(length);
        if (needed > _scratch.Length)
        {
            var grown = new byte[Math.Max(needed, Math.Max(256, 2 * _scratch.Length))];
            _scratch.AsSpan(0, _scratchUsed).CopyTo(grown);
            _scratch = grown;
        }

        var written = HpackHuffman.Decode(block.Slice(start, length), _scratch.AsSpan(_scratchUsed));
        var decoded = new StringRef(true, _scratchUsed, written);
        _scratchUsed += written;
        return decoded;
    }

    private ReadOnlySpan<byte> Resolve(StringRef s, ReadOnlySpan<byte> block) =>
        s.InScratch ? _scratch.AsSpan(s.Start, s.Length) : block.Slice(s.Start, s.Length);

    /// <summary>Entry <paramref name="index"/> of the index address space (2.3.3): 1..61 static, then dynamic newest first.</summary>
    private void GetEntry(int index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (index == 0)
        {
            throw new HpackException("Index 0.");
        }

        if (index <= HpackStaticTable.Count)
        {
            name = HpackStaticTable.Name(index);
            value = HpackStaticTable.Value(index);
            return;
        }

        if (index - HpackStaticTable.Count > _table.Count)
        {
            throw new HpackException($"Index {index} beyond the tables.");
        }

        _table.Get(index - HpackStaticTable.Count, out name, out value);
    }

    private static void Emit<TSink>(
        ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ref TSink sink, ref long listSize, int maxHeaderListSize)
        where TSink : struct, IHpackSink
    {
        listSize += name.Length + value.Length + HpackDynamicTable.EntryOverhead;
        if (listSize > maxHeaderListSize)
        {
            throw new HpackException($"Header list exceeds {maxHeaderListSize} bytes.");
        }

        sink.OnHeader(name, value);
    }

    /// <summary>A decoded string: a slice of the block, or of the scratch buffer when Huffman-decoded.</summary>
    private readonly record struct StringRef(bool InScratch, int Start, int Length);
}
