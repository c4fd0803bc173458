using System.Collections.Concurrent;

namespace Attune.Text;

/// <summary>
/// An immutable sparse vector of length <see cref="Dimension"/>: <see cref="Indices"/> strictly increasing, each in
/// [0, Dimension), with <see cref="Values"/>[i] the entry at <see cref="Indices"/>[i]; absent entries are zero.
/// Dense featurizers return every index; such a vector (<see cref="IsDense"/>) shares one read-only index array 0..n-1
/// with every other dense vector of its length, so it costs its values and little more.
/// </summary>
public sealed class SparseVector
{
    private static readonly ConcurrentDictionary<int, int[]> Identities = new();

    private readonly int[] _indices;
    private readonly float[] _values;

    /// <summary>Builds a vector from sorted, distinct indices and their values (both arrays are copied).</summary>
    /// <exception cref="ArgumentException">Lengths differ, an index is out of range or not strictly increasing, or a value is not finite.</exception>
    public SparseVector(int dimension, ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if (indices.Length != values.Length)
        {
            throw new ArgumentException(
                $"indices has {indices.Length} entries but values has {values.Length}.", nameof(values));
        }

        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= dimension)
            {
                throw new ArgumentException(
                    $"indices[{i}] = {indices[i]} is outside [0, {dimension}).", nameof(indices));
            }

            if (i > 0 && indices[i] <= indices[i - 1])
            {
                throw new ArgumentException($"indices must be strictly increasing (at position {i}).", nameof(indices));
            }

            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"values[{i}] is {values[i]}, not a finite number.", nameof(values));
            }
        }

        Dimension = dimension;
        _indices = indices.ToArray();
        _values = values.ToArray();
    }

    private SparseVector(int dimension, int[] indices, float[] values)
    {
        Dimension = dimension;
        _indices = indices;
        _values = values;
    }

    /// <summary>Length of the vector (not the number of stored entries).</summary>
    public int Dimension { get; }

    /// <summary>Positions of the stored entries, strictly increasing.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>Values of the stored entries, aligned with <see cref="Indices"/>.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Number of stored entries.</summary>
    public int Count => _indices.Length;

    /// <summary>Whether every position is stored (<see cref="Count"/> = <see cref="Dimension"/>), so Values[i] is entry i.</summary>
    public bool IsDense => _indices.Length == Dimension;

    /// <summary>
    /// Appends a - b, in increasing index order and without exact zeros, to CSR column and value lists: the row of one
    /// pair's feature difference d = e(x, a) - e(x, b). Both vectors must have the same dimension.
    /// </summary>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public static void AppendDifference(SparseVector a, SparseVector b, List<int> columns, List<float> values)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (a.Dimension != b.Dimension)
        {
            throw new ArgumentException($"Dimensions differ: {a.Dimension} and {b.Dimension}.", nameof(b));
        }

        ReadOnlySpan<int> ai = a.Indices, bi = b.Indices;
        ReadOnlySpan<float> av = a.Values, bv = b.Values;
        int i = 0, j = 0;
        while (i < ai.Length || j < bi.Length)
        {
            int column;
            float value;
            if (j == bi.Length || (i < ai.Length && ai[i] < bi[j]))
            {
                (column, value) = (ai[i], av[i++]);
            }
            else if (i == ai.Length || bi[j] < ai[i])
            {
                (column, value) = (bi[j], -bv[j++]);
            }
            else
            {
                (column, value) = (ai[i], av[i++] - bv[j++]);
            }

            if (value != 0f)
            {
                columns.Add(column);
                values.Add(value);
            }
        }
    }

    /// <summary>Wraps a dense vector (copied); every position is stored, zeros included.</summary>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static SparseVector FromDense(ReadOnlySpan<float> dense)
    {
        for (var i = 0; i < dense.Length; i++)
        {
            if (!float.IsFinite(dense[i]))
            {
                throw new ArgumentException($"dense[{i}] is {dense[i]}, not a finite number.", nameof(dense));
            }
        }

        return new SparseVector(dense.Length, Identity(dense.Length), dense.ToArray());
    }

    /// <summary>Trusted dense construction: takes ownership of <paramref name="values"/>, already checked finite by the caller.</summary>
    internal static SparseVector FromDenseUnchecked(float[] values) => new(values.Length, Identity(values.Length), values);

    /// <summary>Trusted construction from arrays already validated by the caller (no copy).</summary>
    internal static SparseVector FromSortedUnchecked(int dimension, int[] indices, float[] values) =>
        new(dimension, indices, values);

    /// <summary>The dense form: a new array of length <see cref="Dimension"/>.</summary>
    public float[] ToDense()
    {
        if (IsDense)
        {
            return (float[])_values.Clone();
        }

        var dense = new float[Dimension];
        for (var i = 0; i < _indices.Length; i++)
        {
            dense[_indices[i]] = _values[i];
        }

        return dense;
    }

    /// <summary>Euclidean norm ||v||_2.</summary>
    public double L2Norm()
    {
        double sum = 0;
        foreach (var v in _values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Dot product with a dense vector of the same length.</summary>
    /// <exception cref="ArgumentException"><paramref name="dense"/> has another length.</exception>
    public double Dot(ReadOnlySpan<float> dense)
    {
        if (dense.Length != Dimension)
        {
            throw new ArgumentException(
                $"dense has length {dense.Length}, expected {Dimension}.", nameof(dense));
        }

        double sum = 0;
        if (IsDense)
        {
            for (var i = 0; i < _values.Length; i++)
            {
                sum += (double)_values[i] * dense[i];
            }

            return sum;
        }

        for (var i = 0; i < _indices.Length; i++)
        {
            sum += (double)_values[i] * dense[_indices[i]];
        }

        return sum;
    }

    private static int[] Identity(int length) => Identities.GetOrAdd(length, n =>
    {
        var indices = new int[n];
        for (var i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        return indices;
    });
}
