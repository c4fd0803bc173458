namespace Attune.Adapter.Domain;

/// <summary>One pool pair (a = <see cref="PairKey.First"/>) with its phi-difference cached for one model version.</summary>
public sealed class PoolPair(PairKey key)
{
    private Cached? _cached;

    public PairKey Key { get; } = key;

    /// <summary>z = phi(x, a) - phi(x, b) under <paramref name="model"/>, computed once per model version.</summary>
    public float[] Difference(ModelSnapshot model)
    {
        if (_cached is { } c && c.Version == model.Version)
        {
            return c.Z;
        }

        var z = model.Difference(Key.Prompt, Key.First, Key.Second);
        _cached = new Cached(model.Version, z);
        return z;
    }

    private sealed record Cached(long Version, float[] Z);
}
