using System.Numerics.Tensors;
using Attune.Ml.Data;

namespace Attune.Ml.Optimization;

/// <summary>
/// Multi-output ridge regression of targets on feature rows, solved by conjugate gradients on the normal equations so
/// that dense and sparse features with D up to 2^16 need only products with the rows:
/// V = argmin sum_r c_r ||F_r - V d_{row_r}||^2 + lambda ||V||_F^2, i.e. for each output k,
/// (sum_r c_r d d^T + lambda I) v_k = sum_r c_r F_{r,k} d. V has shape (K, D); F has shape (rows, K).
/// </summary>
public static class RidgeRegression
{
    /// <param name="features">Feature rows, shape (pairs, D).</param>
    /// <param name="rows">Which pairs are regressed, length r.</param>
    /// <param name="targets">F, shape (r, K) row-major.</param>
    /// <param name="rowWeights">c, length r (e.g. how many comparisons support each pair).</param>
    /// <param name="lambda">lambda &gt; 0.</param>
    /// <param name="maxIterations">CG iterations per output.</param>
    /// <returns>V, shape (K, D) row-major.</returns>
    public static float[] Fit(
        FeatureMatrix features, ReadOnlySpan<int> rows, ReadOnlySpan<float> targets, ReadOnlySpan<float> rowWeights,
        float lambda, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (rows.IsEmpty || targets.Length % rows.Length != 0 || rowWeights.Length != rows.Length)
        {
            throw new ArgumentException(
                $"Need r >= 1 rows, targets of shape (r, K) and r weights; got {rows.Length} rows, {targets.Length} targets, {rowWeights.Length} weights.",
                nameof(targets));
        }

        if (!(lambda > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be > 0.");
        }

        int k = targets.Length / rows.Length;
        int d = features.Columns;
        var v = new float[k * d];
        var rhs = new float[d];
        var residual = new float[d];
        var direction = new float[d];
        var product = new float[d];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(rhs);
            for (int r = 0; r < rows.Length; r++)
            {
                features.AddScaledRow(rows[r], rowWeights[r] * targets[r * k + j], rhs);
            }

            Span<float> x = v.AsSpan(j * d, d);
            rhs.CopyTo(residual, 0);
            rhs.CopyTo(direction, 0);
            double rr = TensorPrimitives.Dot<float>(residual, residual);
            double stop = 1e-10 * rr;
            for (int it = 0; it < maxIterations && rr > stop && rr > 0; it++)
            {
                NormalProduct(features, rows, rowWeights, lambda, direction, product);
                double alpha = rr / TensorPrimitives.Dot<float>(direction, product);
                TensorPrimitives.MultiplyAdd(direction, (float)alpha, x, x);
                TensorPrimitives.MultiplyAdd(product, (float)-alpha, residual, residual);
                double next = TensorPrimitives.Dot<float>(residual, residual);
                TensorPrimitives.MultiplyAdd(direction, (float)(next / rr), residual, direction);
                rr = next;
            }
        }

        return v;
    }

    private static void NormalProduct(
        FeatureMatrix features, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, float lambda,
        ReadOnlySpan<float> x, Span<float> result)
    {
        TensorPrimitives.Multiply(x, lambda, result);
        for (int r = 0; r < rows.Length; r++)
        {
            float t = features.Dot(rows[r], x);
            if (t != 0f)
            {
                features.AddScaledRow(rows[r], weights[r] * t, result);
            }
        }
    }
}
