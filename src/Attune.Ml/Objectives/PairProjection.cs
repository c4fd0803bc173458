using Attune.Ml.Data;

namespace Attune.Ml.Objectives;

/// <summary>
/// The phi-differences z_p = V d_p of the distinct pairs a comparison set uses, shape (slots, K), and the
/// back-propagation of their gradients into V: dL/dV = sum_p (dL/dz_p) d_p^T.
/// </summary>
/// <remarks>
/// When the features prefer it (<see cref="FeatureMatrix.PrefersTransposedLayout"/>, e.g. CSR), V is transposed once per
/// evaluation into a (D, K) copy and dL/dV is accumulated as dL/dV^T, shape (D, K), then transposed back once: every
/// non-zero then touches K contiguous floats rather than K floats D apart.
/// </remarks>
internal sealed class PairProjection
{
    private readonly FeatureMatrix _features;
    private readonly int[] _pairOfSlot;
    private readonly float[]? _vTransposed;
    private readonly float[]? _gradientVTransposed;

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
        if (_features.PrefersTransposedLayout)
        {
            _vTransposed = new float[rank * _features.Columns];
            _gradientVTransposed = new float[_vTransposed.Length];
        }
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
        if (_vTransposed is not null)
        {
            Transpose(v, Rank, _features.Columns, _vTransposed);
            for (int s = 0; s < _pairOfSlot.Length; s++)
            {
                _features.ProjectTransposed(_pairOfSlot[s], _vTransposed, Rank, Z.AsSpan(s * Rank, Rank));
            }

            return;
        }

        for (int s = 0; s < _pairOfSlot.Length; s++)
        {
            _features.Project(_pairOfSlot[s], v, Rank, Z.AsSpan(s * Rank, Rank));
        }
    }

    /// <summary>gradientV += sum over slots of GradientZ[s] d_p(s)^T, gradientV shape (K, D).</summary>
    public void BackPropagate(Span<float> gradientV)
    {
        if (_gradientVTransposed is not null)
        {
            Array.Clear(_gradientVTransposed);
            for (int s = 0; s < _pairOfSlot.Length; s++)
            {
                _features.AddOuterTransposed(_pairOfSlot[s], GradientZ.AsSpan(s * Rank, Rank), _gradientVTransposed);
            }

            AddTransposed(_gradientVTransposed, _features.Columns, Rank, gradientV);
            return;
        }

        for (int s = 0; s < _pairOfSlot.Length; s++)
        {
            _features.AddOuter(_pairOfSlot[s], GradientZ.AsSpan(s * Rank, Rank), gradientV);
        }
    }

    /// <summary>destination = source^T, source shape (rows, columns), destination shape (columns, rows).</summary>
    private static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> sourceRow = source.Slice(r * columns, columns);
            for (int c = 0; c < sourceRow.Length; c++)
            {
                destination[c * rows + r] = sourceRow[c];
            }
        }
    }

    /// <summary>destination += source^T, source shape (rows, columns), destination shape (columns, rows).</summary>
    private static void AddTransposed(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        for (int c = 0; c < columns; c++)
        {
            Span<float> destinationRow = destination.Slice(c * rows, rows);
            for (int r = 0; r < destinationRow.Length; r++)
            {
                destinationRow[r] += source[r * columns + c];
            }
        }
    }
}
