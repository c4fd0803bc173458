using Attune.Text.Embeddings;

namespace Attune.Text.Encoders;

/// <summary>
/// An <see cref="ITextEncoder"/> that encodes each distinct text once: a text is looked up by its content address
/// (<see cref="ContentKey"/>: SHA-256 of the inner encoder's <see cref="ITextEncoder.Id"/> and the exact text) in a bounded
/// memory cache, then in an optional <see cref="EmbeddingDiskCache"/> (files keyed by the same id and the SHA-256 of the
/// text, shared by processes and kept across runs: the trainer's), and only the texts found in neither are sent to the
/// inner encoder, each once per call however often it repeats. Vectors are returned shared with the cache: do not change them.
/// </summary>
public sealed class CachedTextEncoder : ITextEncoder
{
    private readonly ITextEncoder _inner;
    private readonly BoundedVectorCache _memory;
    private readonly EmbeddingDiskCache? _disk;
    private long _memoryHits;
    private long _diskHits;
    private long _encoded;

    /// <summary>Caches <paramref name="inner"/>'s vectors.</summary>
    /// <param name="inner">The encoder that computes a vector on a miss.</param>
    /// <param name="memoryEntries">Capacity of the memory cache (&gt;= 0).</param>
    /// <param name="disk">The on-disk cache, or null for memory only.</param>
    public CachedTextEncoder(ITextEncoder inner, int memoryEntries, EmbeddingDiskCache? disk = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _memory = new BoundedVectorCache(memoryEntries);
        _disk = disk;
    }

    /// <inheritdoc />
    public string Id => _inner.Id;

    /// <inheritdoc />
    public int Dimension => _inner.Dimension;

    /// <summary>Texts answered from memory so far.</summary>
    public long MemoryHits => Interlocked.Read(ref _memoryHits);

    /// <summary>Texts answered from disk so far.</summary>
    public long DiskHits => Interlocked.Read(ref _diskHits);

    /// <summary>Texts sent to the inner encoder so far.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    /// <inheritdoc />
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var missing = new Dictionary<string, (string Key, List<int> Positions)>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentNullException($"texts[{i}]");
            if (missing.TryGetValue(text, out var pending))
            {
                pending.Positions.Add(i);
                continue;
            }

            var key = ContentKey.Of(Id, text);
            if (_memory.TryGet(key) is { } cached)
            {
                Interlocked.Increment(ref _memoryHits);
                result[i] = cached;
            }
            else if (_disk?.TryGet(Id, text) is { } stored && stored.Length == Dimension)
            {
                Interlocked.Increment(ref _diskHits);
                _memory.Put(key, stored);
                result[i] = stored;
            }
            else
            {
                missing[text] = (key, [i]);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var toEncode = missing.Keys.ToArray();
        var vectors = _inner.Encode(toEncode, cancellationToken);
        Interlocked.Add(ref _encoded, toEncode.Length);
        for (var j = 0; j < toEncode.Length; j++)
        {
            var (key, positions) = missing[toEncode[j]];
            _memory.Put(key, vectors[j]);
            _disk?.Put(Id, toEncode[j], vectors[j]);
            foreach (var i in positions)
            {
                result[i] = vectors[j];
            }
        }

        return result;
    }
}
