using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Attune.Ml.Kernels;

namespace Attune.Ml.Data;

/// <summary>
/// Sparse feature differences in CSR form, shape (pairs, D), e.g. signed feature hashing with D = 2^12..2^16 and
/// ~50-300 non-zeros per row. Row p holds values[rowPointers[p] .. rowPointers[p + 1]) at columnIndices of the same range.
/// </summary>
public sealed class SparseFeatureMatrix : FeatureMatrix
{
    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly float[] _values;

    /// <summary>Wraps CSR arrays (not copied): rowPointers of length rows + 1, starting at 0, non-decreasing.</summary>
    /// <exception cref="ArgumentException">Inconsistent CSR arrays, a column out of [0, columns), or a NaN/infinite value.</exception>
    public SparseFeatureMatrix(int[] rowPointers, int[] columnIndices, float[] values, int columns)
        : base((rowPointers ?? throw new ArgumentNullException(nameof(rowPointers))).Length - 1, columns)
    {
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowPointers[0] != 0 || rowPointers[^1] != values.Length || columnIndices.Length != values.Length)
        {
            throw new ArgumentException(
                $"CSR arrays disagree: rowPointers[0] = {rowPointers[0]} (must be 0), rowPointers[^1] = {rowPointers[^1]}, " +
                $"{columnIndices.Length} column indices and {values.Length} values (all three must match).",
                nameof(rowPointers));
        }

        for (int r = 0; r < Rows; r++)
        {
            if (rowPointers[r + 1] < rowPointers[r])
            {
                throw new ArgumentException($"rowPointers decreases at row {r}.", nameof(rowPointers));
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            if ((uint)columnIndices[i] >= (uint)columns)
            {
                throw new ArgumentException(
                    $"Column index {columnIndices[i]} at position {i} is outside [0, {columns}).", nameof(columnIndices));
            }

            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Feature value at position {i} is {values[i]}; features must be finite.", nameof(values));
            }
        }

        _rowPointers = rowPointers;
        _columns = columnIndices;
        _values = values;
    }

    /// <inheritdoc />
    public override long NonZeroCount => _values.LongLength;

    /// <inheritdoc />
    public override float Dot(int row, ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = _rowPointers[row], end = _rowPointers[row + 1]; i < end; i++)
        {
            sum += _values[i] * x[_columns[i]];
        }

        return sum;
    }

    /// <inheritdoc />
    public override void AddScaledRow(int row, float scale, Span<float> destination)
    {
        for (int i = _rowPointers[row], end = _rowPointers[row + 1]; i < end; i++)
        {
            destination[_columns[i]] += scale * _values[i];
        }
    }

    /// <inheritdoc />
    public override bool IsZeroRow(int row)
    {
        for (int i = _rowPointers[row], end = _rowPointers[row + 1]; i < end; i++)
        {
            if (_values[i] != 0f)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override void Project(int row, ReadOnlySpan<float> m, int k, Span<float> z)
    {
        CheckProjection(row, m, k, z.Length);
        z.Clear();
        int d = Columns;
        for (int i = _rowPointers[row], end = _rowPointers[row + 1]; i < end; i++)
        {
            int c = _columns[i];
            float v = _values[i];
            for (int j = 0; j < k; j++)
            {
                z[j] += m[j * d + c] * v;
            }
        }
    }

    /// <inheritdoc />
    public override void AddOuter(int row, ReadOnlySpan<float> z, Span<float> m)
    {
        CheckProjection(row, m, z.Length, z.Length);
        int d = Columns;
        for (int i = _rowPointers[row], end = _rowPointers[row + 1]; i < end; i++)
        {
            int c = _columns[i];
            float v = _values[i];
            for (int j = 0; j < z.Length; j++)
            {
                m[j * d + c] += z[j] * v;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Each non-zero is one k-wide multiply-add over a contiguous row of mt (shape (D, k)).</remarks>
    public override void ProjectTransposed(int row, ReadOnlySpan<float> mt, int k, Span<float> z)
    {
        CheckProjection(row, mt, k, z.Length);
        int start = _rowPointers[row];
        int end = _rowPointers[row + 1];

        // Column indices were checked against D at construction and mt has length D * k, so c * k + j stays in range.
        ref float m0 = ref MemoryMarshal.GetReference(mt);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        if (k == Vector256<float>.Count && Vector256.IsHardwareAccelerated)
        {
            Vector256<float> sum = Vector256<float>.Zero;
            for (int i = start; i < end; i++)
            {
                Vector256<float> mc = Vector256.LoadUnsafe(ref m0, (nuint)((long)_columns[i] * k));
                sum = Vector256.MultiplyAddEstimate(mc, Vector256.Create(_values[i]), sum);
            }

            sum.StoreUnsafe(ref z0);
            return;
        }

        z.Clear();
        for (int i = start; i < end; i++)
        {
            ShortVector.AddScaled(ref Unsafe.Add(ref m0, (nint)((long)_columns[i] * k)), _values[i], ref z0, k);
        }
    }

    /// <inheritdoc />
    /// <remarks>Each non-zero is one k-wide multiply-add into a contiguous row of mt (shape (D, k)).</remarks>
    public override void AddOuterTransposed(int row, ReadOnlySpan<float> z, Span<float> mt)
    {
        CheckProjection(row, mt, z.Length, z.Length);
        int k = z.Length;
        int start = _rowPointers[row];
        int end = _rowPointers[row + 1];
        ref float m0 = ref MemoryMarshal.GetReference(mt);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        if (k == Vector256<float>.Count && Vector256.IsHardwareAccelerated)
        {
            Vector256<float> zv = Vector256.LoadUnsafe(ref z0);
            for (int i = start; i < end; i++)
            {
                ref float mc = ref Unsafe.Add(ref m0, (nint)((long)_columns[i] * k));
                Vector256.MultiplyAddEstimate(zv, Vector256.Create(_values[i]), Vector256.LoadUnsafe(ref mc)).StoreUnsafe(ref mc);
            }

            return;
        }

        for (int i = start; i < end; i++)
        {
            ShortVector.AddScaled(ref z0, _values[i], ref Unsafe.Add(ref m0, (nint)((long)_columns[i] * k)), k);
        }
    }

    /// <inheritdoc />
    public override bool PrefersTransposedLayout => true;
}
