using System.Numerics.Tensors;

namespace Attune.Ml.Data;

/// <summary>Dense feature differences, shape (pairs, D) row-major (e.g. embedding differences, D ~ 64..4096).</summary>
public sealed class DenseFeatureMatrix : FeatureMatrix
{
    private readonly float[] _values;

    /// <summary>Wraps values, shape (rows, columns) row-major; the array is not copied and must not change afterwards.</summary>
    /// <exception cref="ArgumentException">Length is not rows * columns, or a value is NaN or infinite.</exception>
    public DenseFeatureMatrix(float[] values, int rows, int columns)
        : base(rows, columns)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException(
                $"Expected rows * columns = {(long)rows * columns} values for shape ({rows}, {columns}); got {values.Length}.",
                nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Feature value at row {i / columns}, column {i % columns} is {values[i]}; features must be finite.",
                    nameof(values));
            }
        }

        _values = values;
    }

    /// <inheritdoc />
    public override long NonZeroCount => _values.LongLength;

    /// <summary>Row d_p, length D.</summary>
    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Columns, Columns);

    /// <inheritdoc />
    public override float Dot(int row, ReadOnlySpan<float> x) => TensorPrimitives.Dot(Row(row), x);

    /// <inheritdoc />
    public override void AddScaledRow(int row, float scale, Span<float> destination) =>
        TensorPrimitives.MultiplyAdd(Row(row), scale, destination, destination);

    /// <inheritdoc />
    public override bool IsZeroRow(int row) => TensorPrimitives.MaxMagnitude(Row(row)) == 0f;
}
