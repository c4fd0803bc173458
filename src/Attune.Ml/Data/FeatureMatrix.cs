using System.Buffers;
using System.Numerics.Tensors;

namespace Attune.Ml.Data;

/// <summary>
/// Feature-difference vectors of response pairs, shape (pairs, D): row p is d_p = e(x, a) - e(x, b), so a positive
/// reward difference favours the first response a. Dense (<see cref="DenseFeatureMatrix"/>) and CSR
/// (<see cref="SparseFeatureMatrix"/>) storage share this kernel surface, so objectives never branch on the layout.
/// </summary>
/// <remarks>
/// Implementations reject NaN and infinities at construction. A zero row (identical responses) is allowed here, since a
/// featurizer may produce one, but <see cref="ComparisonSet"/> rejects comparisons that reference it (see there).
/// </remarks>
public abstract class FeatureMatrix
{
    /// <summary>Creates the shape (pairs, D).</summary>
    protected FeatureMatrix(int rows, int columns)
    {
        if (rows < 1)
        {
            throw new ArgumentException($"A feature matrix needs at least one row (pair); got {rows}.", nameof(rows));
        }

        if (columns < 1)
        {
            throw new ArgumentException($"A feature matrix needs at least one column (D >= 1); got {columns}.", nameof(columns));
        }

        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of pairs (rows).</summary>
    public int Rows { get; }

    /// <summary>Feature dimension D (columns).</summary>
    public int Columns { get; }

    /// <summary>Stored non-zeros (dense: rows * D).</summary>
    public abstract long NonZeroCount { get; }

    /// <summary>d_row . x, with x of length D.</summary>
    public abstract float Dot(int row, ReadOnlySpan<float> x);

    /// <summary>destination += scale * d_row, with destination of length D.</summary>
    public abstract void AddScaledRow(int row, float scale, Span<float> destination);

    /// <summary>Whether row is all zeros (identical responses).</summary>
    public abstract bool IsZeroRow(int row);

    /// <summary>
    /// z = M d_row: projects a row through M, shape (k, D) row-major, into z of length k. With M = V this is the
    /// phi-difference V d_p of PReF.
    /// </summary>
    public virtual void Project(int row, ReadOnlySpan<float> m, int k, Span<float> z)
    {
        CheckProjection(row, m, k, z.Length);
        for (int j = 0; j < k; j++)
        {
            z[j] = Dot(row, m.Slice(j * Columns, Columns));
        }
    }

    /// <summary>M += z d_row^T: accumulates an outer product into M, shape (k, D) row-major, with z of length k.</summary>
    public virtual void AddOuter(int row, ReadOnlySpan<float> z, Span<float> m)
    {
        CheckProjection(row, m, z.Length, z.Length);
        for (int j = 0; j < z.Length; j++)
        {
            if (z[j] != 0f)
            {
                AddScaledRow(row, z[j], m.Slice(j * Columns, Columns));
            }
        }
    }

    /// <summary>
    /// z = M d_row with M given transposed: mt has shape (D, k) row-major, i.e. mt[c * k + j] = M[j, c]. Same result as
    /// <see cref="Project"/> on M up to float rounding. Sparse rows are fastest this way: each non-zero reads k
    /// contiguous floats instead of k floats D apart.
    /// </summary>
    public virtual void ProjectTransposed(int row, ReadOnlySpan<float> mt, int k, Span<float> z)
    {
        CheckProjection(row, mt, k, z.Length);
        float[] dense = ArrayPool<float>.Shared.Rent(Columns);
        try
        {
            Span<float> d = dense.AsSpan(0, Columns);
            d.Clear();
            AddScaledRow(row, 1f, d);
            z.Clear();
            for (int c = 0; c < d.Length; c++)
            {
                if (d[c] != 0f)
                {
                    TensorPrimitives.MultiplyAdd(mt.Slice(c * k, k), d[c], z, z);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dense);
        }
    }

    /// <summary>
    /// M^T += d_row z^T: <see cref="AddOuter"/> with M given transposed, mt shape (D, k) row-major, z of length k.
    /// </summary>
    public virtual void AddOuterTransposed(int row, ReadOnlySpan<float> z, Span<float> mt)
    {
        CheckProjection(row, mt, z.Length, z.Length);
        int k = z.Length;
        float[] dense = ArrayPool<float>.Shared.Rent(Columns);
        try
        {
            Span<float> d = dense.AsSpan(0, Columns);
            d.Clear();
            AddScaledRow(row, 1f, d);
            for (int c = 0; c < d.Length; c++)
            {
                if (d[c] != 0f)
                {
                    Span<float> mc = mt.Slice(c * k, k);
                    TensorPrimitives.MultiplyAdd(z, d[c], mc, mc);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dense);
        }
    }

    /// <summary>
    /// Whether <see cref="ProjectTransposed"/> and <see cref="AddOuterTransposed"/> on a (D, K) copy beat
    /// <see cref="Project"/> and <see cref="AddOuter"/> on (K, D) for a whole pass over the rows, transposes included.
    /// </summary>
    public virtual bool PrefersTransposedLayout => false;

    /// <summary>Throws unless row is in range and m has shape (k, D) and z has length k.</summary>
    protected void CheckProjection(int row, ReadOnlySpan<float> m, int k, int zLength)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Rows}).");
        }

        if (k < 1 || m.Length != k * Columns || zLength != k)
        {
            throw new ArgumentException(
                $"Projection needs M of shape ({k}, {Columns}) = {k * Columns} values and z of length {k}; got {m.Length} and {zLength}.",
                nameof(m));
        }
    }
}
