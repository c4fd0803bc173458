using System.Collections;

namespace Attune.Rpc;

/// <summary>
/// gRPC metadata (headers or trailers): an ordered list of entries whose keys are case-insensitive (stored lowercase).
/// Keys ending in <c>-bin</c> carry bytes, sent base64-encoded; other keys carry printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    /// <summary>The suffix that marks a binary key.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<MetadataEntry> _entries = [];

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public MetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    /// <exception cref="ArgumentException">The key is invalid or ends in <c>-bin</c>, or the value is not printable ASCII.</exception>
    public Metadata Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        key = NormalizeKey(key);
        if (IsBinaryKey(key))
        {
            throw new ArgumentException($"Key '{key}' ends in -bin and needs a byte[] value.", nameof(key));
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Value of '{key}' must be printable ASCII; use a -bin key for other data.", nameof(value));
            }
        }

        _entries.Add(new MetadataEntry(key, value, null));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        key = NormalizeKey(key);
        if (!IsBinaryKey(key))
        {
            throw new ArgumentException($"Key '{key}' must end in -bin to carry a byte[] value.", nameof(key));
        }

        _entries.Add(new MetadataEntry(key, null, value));
        return this;
    }

    /// <summary>The last entry with <paramref name="key"/>, or null.</summary>
    public MetadataEntry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The text value of the last entry with <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The binary value of the last entry with <paramref name="key"/>, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>Every entry with <paramref name="key"/>, in order.</summary>
    public IEnumerable<MetadataEntry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Removes every entry with <paramref name="key"/>; returns how many were removed.</summary>
    public int Remove(string key) =>
        _entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when <paramref name="key"/> ends in <c>-bin</c>.</summary>
    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    internal void AddParsed(string key, string wireValue)
    {
        if (IsBinaryKey(key))
        {
            _entries.Add(new MetadataEntry(key, null, Internal.Base64Lenient.Decode(wireValue)));
        }
        else
        {
            _entries.Add(new MetadataEntry(key, wireValue, null));
        }
    }

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var c in key)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!ok)
            {
                throw new ArgumentException($"Metadata key '{key}' may hold only letters, digits, '-', '_' and '.'.", nameof(key));
            }
        }

        if (key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
        }

        return key.ToLowerInvariant();
    }
}
