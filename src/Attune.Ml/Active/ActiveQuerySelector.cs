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
/// v is computed as ||L^T z||^2 with Sigma = L L^T, K(K+1)/2 multiply-adds per candidate, nothing allocated for K &lt;= 32.
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

        Span<double> l = k <= 32 ? stackalloc double[k * k] : new double[k * k];
        covariance.CopyTo(l);
        if (!Kernels.SmallMatrix.CholeskyInPlace(l, k))
        {
            throw new ArgumentException("covariance is not symmetric positive definite.", nameof(covariance));
        }

        Span<double> topScores = destination.Length <= 64 ? stackalloc double[destination.Length] : new double[destination.Length];
        int filled = 0;
        for (int c = 0; c < count; c++)
        {
            double score = Score(strategy, mean, l, candidates.Slice(c * k, k));
            if (filled < destination.Length)
            {
                Insert(topScores, destination, filled++, c, score);
            }
            else if (score > topScores[filled - 1])
            {
                Insert(topScores, destination, filled - 1, c, score);
            }
        }
    }

    /// <summary>The score of one candidate z (length K) under the strategy, from mu and the lower Cholesky factor L of Sigma.</summary>
    internal static double Score(QueryStrategy strategy, ReadOnlySpan<double> mean, ReadOnlySpan<double> l, ReadOnlySpan<float> z)
    {
        int k = mean.Length;
        double m = 0.0;
        double v = 0.0;
        for (int a = 0; a < k; a++)
        {
            m += mean[a] * z[a];
            double t = 0.0;
            for (int b = a; b < k; b++)
            {
                t += l[b * k + a] * z[b];
            }

            v += t * t;
        }

        double s = m >= 0 ? Math.Exp(-m) : Math.Exp(m);
        double slope = s / ((1 + s) * (1 + s));
        return strategy == QueryStrategy.Uncertainty ? slope * Math.Sqrt(v) : Math.Log(1 + slope * v);
    }

    private static void Insert(Span<double> scores, Span<int> indices, int position, int candidate, double score)
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
