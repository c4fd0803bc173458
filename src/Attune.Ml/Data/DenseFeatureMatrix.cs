using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <inheritdoc />
    /// <remarks>
    /// All k dot products in one pass over d_row, eight (then four) rows of M at a time, each with its own
    /// <see cref="Vector256{T}"/> accumulator, so d_row is loaded once per block instead of once per row of M.
    /// </remarks>
    public override void Project(int row, ReadOnlySpan<float> m, int k, Span<float> z)
    {
        CheckProjection(row, m, k, z.Length);
        ReadOnlySpan<float> d = Row(row);
        int j = 0;
        if (Vector256.IsHardwareAccelerated && d.Length >= Vector256<float>.Count)
        {
            for (; j <= k - 8; j += 8)
            {
                Project8(d, m.Slice(j * Columns, 8 * Columns), z.Slice(j, 8));
            }

            for (; j <= k - 4; j += 4)
            {
                Project4(d, m.Slice(j * Columns, 4 * Columns), z.Slice(j, 4));
            }
        }

        for (; j < k; j++)
        {
            z[j] = TensorPrimitives.Dot(m.Slice(j * Columns, Columns), d);
        }
    }

    /// <inheritdoc />
    /// <remarks>Loads each 8-float block of d_row once and updates all k rows of M with it.</remarks>
    public override void AddOuter(int row, ReadOnlySpan<float> z, Span<float> m)
    {
        CheckProjection(row, m, z.Length, z.Length);
        ReadOnlySpan<float> d = Row(row);
        int k = z.Length;
        int columns = Columns;
        ref float d0 = ref MemoryMarshal.GetReference(d);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= columns - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                Vector256<float> dc = Vector256.LoadUnsafe(ref d0, (nuint)c);
                for (int j = 0; j < k; j++)
                {
                    ref float mjc = ref Unsafe.Add(ref m0, j * columns + c);
                    Vector256.MultiplyAddEstimate(dc, Vector256.Create(z[j]), Vector256.LoadUnsafe(ref mjc)).StoreUnsafe(ref mjc);
                }
            }
        }

        for (; c < columns; c++)
        {
            for (int j = 0; j < k; j++)
            {
                m[j * columns + c] += z[j] * d[c];
            }
        }
    }

    /// <summary>z[0..8) = M[0..8) d for M, shape (8, D), with D >= 8.</summary>
    private static void Project8(ReadOnlySpan<float> d, ReadOnlySpan<float> m, Span<float> z)
    {
        int n = d.Length;
        ref float d0 = ref MemoryMarshal.GetReference(d);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        int c = 0;
        for (; c <= n - Vector256<float>.Count; c += Vector256<float>.Count)
        {
            Vector256<float> dc = Vector256.LoadUnsafe(ref d0, (nuint)c);
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)c), dc, a0);
            a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(n + c)), dc, a1);
            a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(2 * n + c)), dc, a2);
            a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(3 * n + c)), dc, a3);
            a4 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(4 * n + c)), dc, a4);
            a5 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(5 * n + c)), dc, a5);
            a6 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(6 * n + c)), dc, a6);
            a7 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(7 * n + c)), dc, a7);
        }

        z[0] = Vector256.Sum(a0);
        z[1] = Vector256.Sum(a1);
        z[2] = Vector256.Sum(a2);
        z[3] = Vector256.Sum(a3);
        z[4] = Vector256.Sum(a4);
        z[5] = Vector256.Sum(a5);
        z[6] = Vector256.Sum(a6);
        z[7] = Vector256.Sum(a7);
        for (; c < n; c++)
        {
            for (int j = 0; j < 8; j++)
            {
                z[j] += m[j * n + c] * d[c];
            }
        }
    }

    /// <summary>z[0..4) = M[0..4) d for M, shape (4, D), with D >= 8.</summary>
    private static void Project4(ReadOnlySpan<float> d, ReadOnlySpan<float> m, Span<float> z)
    {
        int n = d.Length;
        ref float d0 = ref MemoryMarshal.GetReference(d);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        int c = 0;
        for (; c <= n - Vector256<float>.Count; c += Vector256<float>.Count)
        {
            Vector256<float> dc = Vector256.LoadUnsafe(ref d0, (nuint)c);
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)c), dc, a0);
            a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(n + c)), dc, a1);
            a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(2 * n + c)), dc, a2);
            a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref m0, (nuint)(3 * n + c)), dc, a3);
        }

        z[0] = Vector256.Sum(a0);
        z[1] = Vector256.Sum(a1);
        z[2] = Vector256.Sum(a2);
        z[3] = Vector256.Sum(a3);
        for (; c < n; c++)
        {
            for (int j = 0; j < 4; j++)
            {
                z[j] += m[j * n + c] * d[c];
            }
        }
    }
}
