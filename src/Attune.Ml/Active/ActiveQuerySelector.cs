using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Attune.Ml.Kernels;

namespace Attune.Ml.Active;

/// <summary>
/// Chooses the next comparison to ask a user, given the user's Laplace posterior N(mu, Sigma) over w (mean length K,
/// covariance shape (K, K)) and a pool of candidate phi-differences z_c = V d_c, shape (candidates, K) row-major.
/// With m = mu . z and v = z^T Sigma z:
/// <list type="bullet">
/// <item><see cref="QueryStrategy.Uncertainty"/>: PReF's sigmoid'(m) sqrt(v);</item>
/// <item><see cref="QueryStrategy.InformationGain"/>: log(1 + sigmoid'(m) v), the drop in log det Sigma after a Laplace
/// (rank-one) update with that answer, a mutual-information surrogate;</item>
/// <item><see cref="QueryStrategy.Random"/>: uniform, seeded (baseline).</item>
/// </list>
/// v is computed as ||L^T z||^2 with Sigma = L L^T; scratch is stack-allocated or pooled, so selection allocates nothing.
/// </summary>
public static class ActiveQuerySelector
{
    /// <summary>Index of the best candidate.</summary>
    public static int Select(
        QueryStrategy strategy, ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance, ReadOnlySpan<float> candidates, int seed = 0)
    {
        Span<int> best = stackalloc int[1];
        SelectTop(strategy, mean, covariance, candidates, best, seed);
        return best[0];
    }

    /// <summary>Fills destination with the indices of the destination.Length best candidates, best first.</summary>
    public static void SelectTop(
        QueryStrategy strategy, ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance, ReadOnlySpan<float> candidates,
        Span<int> destination, int seed = 0)
    {
        int k = mean.Length;
        if (k < 1 || covariance.Length != k * k || candidates.IsEmpty || candidates.Length % k != 0)
        {
            throw new ArgumentException(
                $"Need mean (K >= 1), covariance (K, K) and candidates (count >= 1, K); got {mean.Length}, {covariance.Length}, {candidates.Length} values.",
                nameof(candidates));
        }

        int count = candidates.Length / k;
        if (destination.Length < 1 || destination.Length > count)
        {
            throw new ArgumentException($"destination length {destination.Length} must lie in [1, {count}].", nameof(destination));
        }

        if (strategy == QueryStrategy.Random)
        {
            SelectRandom(count, destination, seed);
            return;
        }

        float[] scores = ArrayPool<float>.Shared.Rent(count);
        try
        {
            Span<float> scored = scores.AsSpan(0, count);
            Score(strategy, mean, covariance, candidates, scored);
            if (destination.Length == 1)
            {
                destination[0] = TensorPrimitives.IndexOfMax<float>(scored);
                return;
            }

            Span<float> topScores = destination.Length <= 256 ? stackalloc float[destination.Length] : new float[destination.Length];
            int filled = 0;
            for (int c = 0; c < count; c++)
            {
                if (filled < destination.Length)
                {
                    Insert(topScores, destination, filled++, c, scored[c]);
                }
                else if (scored[c] > topScores[filled - 1])
                {
                    Insert(topScores, destination, filled - 1, c, scored[c]);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// Writes every candidate's score (length candidates) under an uncertainty or information-gain strategy.
    /// Computed in float: v = ||L^T z||^2 with Sigma = L L^T (SIMD over K when K is a multiple of the vector width),
    /// then sigmoid, square root and log over the whole batch with TensorPrimitives.
    /// </summary>
    public static void Score(
        QueryStrategy strategy, ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance, ReadOnlySpan<float> candidates, Span<float> scores)
    {
        int k = mean.Length;
        if (strategy == QueryStrategy.Random)
        {
            throw new ArgumentException("Random selection has no scores; use Select or SelectTop.", nameof(strategy));
        }

        if (k < 1 || covariance.Length != k * k || candidates.Length != scores.Length * k)
        {
            throw new ArgumentException(
                $"Need mean (K >= 1), covariance (K, K), candidates (count, K) and scores (count); got {mean.Length}, {covariance.Length}, {candidates.Length}, {scores.Length} values.",
                nameof(scores));
        }

        Span<double> l = k <= 32 ? stackalloc double[k * k] : new double[k * k];
        covariance.CopyTo(l);
        if (!SmallMatrix.CholeskyInPlace(l, k))
        {
            throw new ArgumentException("covariance is not symmetric positive definite.", nameof(covariance));
        }

        Span<float> lf = k <= 32 ? stackalloc float[k * k] : new float[k * k];
        Span<float> mf = k <= 32 ? stackalloc float[k] : new float[k];
        for (int i = 0; i < k * k; i++)
        {
            lf[i] = (float)l[i];
        }

        for (int a = 0; a < k; a++)
        {
            mf[a] = (float)mean[a];
        }

        float[] varianceBuffer = ArrayPool<float>.Shared.Rent(scores.Length);
        try
        {
            Span<float> variance = varianceBuffer.AsSpan(0, scores.Length);
            MarginsAndVariances(mf, lf, candidates, scores, variance);

            // scores holds m; sigmoid'(m) = s - s^2.
            TensorPrimitives.Sigmoid(scores, scores);
            for (int c = 0; c < scores.Length; c++)
            {
                scores[c] -= scores[c] * scores[c];
            }

            if (strategy == QueryStrategy.Uncertainty)
            {
                TensorPrimitives.Sqrt(variance, variance);
                TensorPrimitives.Multiply(scores, variance, scores);
            }
            else
            {
                TensorPrimitives.Multiply(scores, variance, scores);
                TensorPrimitives.Add(scores, 1f, scores);
                TensorPrimitives.Log(scores, scores);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(varianceBuffer);
        }
    }

    /// <summary>
    /// m_c = mu . z_c into margins and v_c = ||L^T z_c||^2 into variances; L lower, shape (K, K). SIMD lanes run across
    /// candidates: each block of Vector&lt;float&gt;.Count candidates is transposed to shape (K, lanes), so every
    /// multiply-add serves a whole block and the K independent sums of L^T z overlap instead of forming one long chain.
    /// </summary>
    private static void MarginsAndVariances(
        ReadOnlySpan<float> mean, ReadOnlySpan<float> l, ReadOnlySpan<float> candidates, Span<float> margins, Span<float> variances)
    {
        int k = mean.Length;
        int width = Vector<float>.Count;
        Span<Vector<float>> block = k <= 64 ? stackalloc Vector<float>[k] : new Vector<float>[k];
        Span<float> lanes = stackalloc float[width];
        Span<float> laneVariances = stackalloc float[width];
        for (int start = 0; start < margins.Length; start += width)
        {
            int n = Math.Min(width, margins.Length - start);
            lanes.Clear();
            for (int a = 0; a < k; a++)
            {
                for (int i = 0; i < n; i++)
                {
                    lanes[i] = candidates[(start + i) * k + a];
                }

                block[a] = new Vector<float>(lanes);
            }

            Vector<float> m = Vector<float>.Zero;
            Vector<float> v = Vector<float>.Zero;
            for (int a = 0; a < k; a++)
            {
                m += mean[a] * block[a];
                Vector<float> t = Vector<float>.Zero;
                for (int b = a; b < k; b++)
                {
                    t += l[b * k + a] * block[b];
                }

                v += t * t;
            }

            if (n == width)
            {
                m.CopyTo(margins.Slice(start, width));
                v.CopyTo(variances.Slice(start, width));
            }
            else
            {
                m.CopyTo(lanes);
                v.CopyTo(laneVariances);
                lanes[..n].CopyTo(margins.Slice(start, n));
                laneVariances[..n].CopyTo(variances.Slice(start, n));
            }
        }
    }

    private static void Insert(Span<float> scores, Span<int> indices, int position, int candidate, float score)
    {
        int i = position;
        while (i > 0 && scores[i - 1] < score)
        {
            scores[i] = scores[i - 1];
            indices[i] = indices[i - 1];
            i--;
        }

        scores[i] = score;
        indices[i] = candidate;
    }

    private static void SelectRandom(int count, Span<int> destination, int seed)
    {
        var random = new Random(seed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            int j = random.Next(i, count);
            (order[i], order[j]) = (order[j], order[i]);
            destination[i] = order[i];
        }
    }
}
