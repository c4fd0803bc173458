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
}
