using System.Diagnostics;

namespace Attune.Gateway.Relay;

/// <summary>
/// The dynamic table of RFC 7541 section 4: a ring of entries, newest first, over one byte storage. An entry's size is
/// name + value + 32 (4.1); adding evicts from the oldest until the new entry fits (4.4), and an entry larger than the
/// maximum empties the table instead of being added.
/// </summary>
/// <remarks>
/// Entry bytes lie contiguously in a storage of twice the largest maximum; one that does not fit before the end goes to
/// the start, leaving the tail unused until the entries before it are evicted. With at most <c>max</c> live bytes
/// that always leaves room, so adding never allocates.
/// </remarks>
internal sealed class HpackDynamicTable
{
    /// <summary>Per-entry overhead counted in the table size (4.1).</summary>
    public const int EntryOverhead = 32;

    private readonly Entry[] _entries;
    private readonly byte[] _storage;
    private int _newest = -1;
    private int _head;

    /// <summary>Creates an empty table whose maximum size can be set up to <paramref name="capacity"/>.</summary>
    public HpackDynamicTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, int.MaxValue / 2);
        Capacity = capacity;
        MaxSize = capacity;
        _entries = new Entry[Math.Max(1, capacity / EntryOverhead)];
        _storage = new byte[2 * capacity];
    }

    /// <summary>The largest maximum size this table accepts.</summary>
    public int Capacity { get; }

    /// <summary>The current maximum size (set by a dynamic table size update, 6.3).</summary>
    public int MaxSize { get; private set; }

    /// <summary>Sum of the entry sizes, name + value + 32 each.</summary>
    public int Size { get; private set; }

    /// <summary>Number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>Entry <paramref name="index"/>, 1 the newest .. <see cref="Count"/> the oldest (2.3.3).</summary>
    public void Get(int index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Count);
        var slot = _newest - (index - 1);
        if (slot < 0)
        {
            slot += _entries.Length;
        }

        ref readonly var entry = ref _entries[slot];
        name = _storage.AsSpan(entry.Offset, entry.NameLength);
        value = _storage.AsSpan(entry.Offset + entry.NameLength, entry.ValueLength);
    }

    /// <summary>Sets the maximum size (at most <see cref="Capacity"/>), evicting from the oldest down to it (4.3).</summary>
    public void SetMaxSize(int maxSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSize, Capacity);
        MaxSize = maxSize;
        while (Size > maxSize)
        {
            EvictOldest();
        }
    }

    /// <summary>
    /// Adds an entry as the newest (4.4). <paramref name="name"/> may lie in this table's own storage (a literal with an
    /// indexed dynamic name): eviction leaves the bytes in place and the copy tolerates overlap.
    /// </summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var size = (long)name.Length + value.Length + EntryOverhead;
        if (size > MaxSize)
        {
            while (Count > 0)
            {
                EvictOldest();
            }

            return;
        }

        while (Size + size > MaxSize)
        {
            EvictOldest();
        }

        var length = name.Length + value.Length;
        var offset = Place(length);
        name.CopyTo(_storage.AsSpan(offset));
        value.CopyTo(_storage.AsSpan(offset + name.Length));
        _head = offset + length;
        _newest = _newest + 1 == _entries.Length ? 0 : _newest + 1;
        _entries[_newest] = new Entry(offset, name.Length, value.Length);
        Count++;
        Size += (int)size;
    }

    /// <summary>Where <paramref name="length"/> contiguous bytes go, after eviction made room for them.</summary>
    private int Place(int length)
    {
        if (Count == 0)
        {
            return 0;
        }

        var tail = _entries[OldestSlot()].Offset;
        if (_head >= tail)
        {
            // Live bytes are [tail, head): free space is [head, end) and [0, tail), together at least max + length.
            if (_storage.Length - _head >= length)
            {
                return _head;
            }

            Debug.Assert(tail >= length, "Eviction left too little room before the oldest entry.");
            return 0;
        }

        // Live bytes are [tail, wrap) and [0, head), the gap [wrap, end) shorter than one entry: [head, tail) is free.
        Debug.Assert(tail - _head >= length, "Eviction left too little room after the newest entry.");
        return _head;
    }

    private int OldestSlot()
    {
        var slot = _newest - (Count - 1);
        return slot < 0 ? slot + _entries.Length : slot;
    }

    private void EvictOldest()
    {
        ref readonly var entry = ref _entries[OldestSlot()];
        Size -= entry.NameLength + entry.ValueLength + EntryOverhead;
        Count--;
        if (Count == 0)
        {
            _head = 0;
        }
    }

    /// <summary>An entry's place in the storage: name bytes then value bytes from <see cref="Offset"/>.</summary>
    private readonly record struct Entry(int Offset, int NameLength, int ValueLength);
}
