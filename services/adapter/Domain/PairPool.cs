namespace Attune.Adapter.Domain;

/// <summary>
/// The distinct pairs seen in feedback, the candidates NextQuery draws from when a request brings none. Bounded: past
/// the capacity the oldest pair is dropped. Each entry caches its phi-difference for the snapshot it was last scored
/// with, so a query recomputes only after a model switch.
/// </summary>
public sealed class PairPool(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PairKey, PoolPair> _pairs = [];
    private readonly Queue<PairKey> _order = new();

    /// <summary>Number of pairs held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pairs.Count;
            }
        }
    }

    /// <summary>Adds a pair unless it is known (in either order).</summary>
    public void Add(string prompt, string responseA, string responseB)
    {
        var key = new PairKey(prompt, responseA, responseB);
        lock (_gate)
        {
            if (_pairs.ContainsKey(key))
            {
                return;
            }

            if (_pairs.Count >= capacity)
            {
                _pairs.Remove(_order.Dequeue());
            }

            _pairs.Add(key, new PoolPair(key));
            _order.Enqueue(key);
        }
    }

    /// <summary>The pairs held, oldest first, except those in <paramref name="exclude"/>.</summary>
    public List<PoolPair> Snapshot(IReadOnlySet<PairKey> exclude)
    {
        lock (_gate)
        {
            return _order.Where(k => !exclude.Contains(k)).Select(k => _pairs[k]).ToList();
        }
    }
}
