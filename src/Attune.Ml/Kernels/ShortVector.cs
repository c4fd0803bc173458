using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Attune.Ml.Kernels;

/// <summary>
/// Kernels over k contiguous floats for k of a few to a few dozen (K, the number of base rewards), called once per
/// comparison or non-zero: inlined, no span dispatch or bounds checks, one <see cref="Vector256{T}"/> when k = 8.
/// Callers guarantee that k floats are readable (and writable) from each reference.
/// </summary>
internal static class ShortVector
{
    /// <summary>sum_j a[j] b[j] over k floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float a, ref float b, int k)
    {
        int j = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && k >= Vector256<float>.Count)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; j <= k - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                acc = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc);
            }

            sum = Vector256.Sum(acc);
        }

        for (; j < k; j++)
        {
            sum += Unsafe.Add(ref a, j) * Unsafe.Add(ref b, j);
        }

        return sum;
    }

    /// <summary>destination[j] += scale * source[j] over k floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref float source, float scale, ref float destination, int k)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> s = Vector256.Create(scale);
            for (; j <= k - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref source, (nuint)j), s, Vector256.LoadUnsafe(ref destination, (nuint)j))
                    .StoreUnsafe(ref destination, (nuint)j);
            }
        }

        for (; j < k; j++)
        {
            Unsafe.Add(ref destination, j) += Unsafe.Add(ref source, j) * scale;
        }
    }
}
