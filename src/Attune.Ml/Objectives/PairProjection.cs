using Attune.Ml.Data;

namespace Attune.Ml.Objectives;

/// <summary>
/// The phi-differences z_p = V d_p of the distinct pairs a comparison set uses, shape (slots, K), and the
/// back-propagation of their gradients into V: dL/dV = sum_p (dL/dz_p) d_p^T.
/// </summary>
internal sealed class PairProjection
{
    private readonly FeatureMatrix _features;
    private readonly int[] _pairOfSlot;

    public PairProjection(ComparisonSet data, int rank)
    {
        _features = data.Features;
        Rank = rank;
        var slotOfPair = new Dictionary<int, int>();
        SlotOfComparison = new int[data.Count];
        var pairs = new List<int>();
        ReadOnlySpan<int> comparisonPairs = data.Pairs;
        for (int i = 0; i < comparisonPairs.Length; i++)
        {
            int p = comparisonPairs[i];
            if (!slotOfPair.TryGetValue(p, out int slot))
            {
                slot = pairs.Count;
                slotOfPair[p] = slot;
                pairs.Add(p);
            }

            SlotOfComparison[i] = slot;
        }

        _pairOfSlot = pairs.ToArray();
        Z = new float[_pairOfSlot.Length * rank];
        GradientZ = new float[Z.Length];
    }

    public int Rank { get; }

    /// <summary>Slot (row of <see cref="Z"/>) of each comparison, length n.</summary>
    public int[] SlotOfComparison { get; }

    /// <summary>z per slot, shape (slots, K).</summary>
    public float[] Z { get; }

    /// <summary>Scratch for dL/dz per slot, shape (slots, K).</summary>
    public float[] GradientZ { get; }

    /// <summary>Fills <see cref="Z"/> from V, shape (K, D).</summary>
    public void Compute(ReadOnlySpan<float> v)
    {
        for (int s = 0; s < _pairOfSlot.Length; s++)
        {
            _features.Project(_pairOfSlot[s], v, Rank, Z.AsSpan(s * Rank, Rank));
        }
    }

    /// <summary>gradientV += sum over slots of GradientZ[s] d_p(s)^T, gradientV shape (K, D).</summary>
    public void BackPropagate(Span<float> gradientV)
    {
        for (int s = 0; s < _pairOfSlot.Length; s++)
        {
            _features.AddOuter(_pairOfSlot[s], GradientZ.AsSpan(s * Rank, Rank), gradientV);
        }
    }
}
