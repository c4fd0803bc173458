namespace Attune.Text.Encoders;

/// <summary>
/// In-memory vectors by content key (<see cref="ContentKey"/>), at most <see cref="Capacity"/> of them: adding one more
/// drops the least recently used. Thread-safe (one lock; each operation is O(1)). Vectors are stored and returned as
/// they are: callers must not change them.
/// </summary>
public sealed class BoundedVectorCache
{
    private readonly Dictionary<string, LinkedListNode<(string Key, float[] Vector)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, float[] Vector)> _recency = new();
    private readonly Lock _gate = new();

    /// <summary>A cache of at most <paramref name="capacity"/> vectors (&gt;= 0; 0 stores nothing).</summary>
    public BoundedVectorCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>The most vectors kept.</summary>
    public int Capacity { get; }

    /// <summary>Vectors held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>The vector stored under <paramref name="key"/>, marked most recently used, or null.</summary>
    public float[]? TryGet(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_index.TryGetValue(key, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Vector;
        }
    }

    /// <summary>Stores <paramref name="vector"/> under <paramref name="key"/> (replacing any), dropping the least recently used beyond capacity.</summary>
    public void Put(string key, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(vector);
        if (Capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_index.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            _index[key] = _recency.AddFirst((key, vector));
            while (_index.Count > Capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }
}
