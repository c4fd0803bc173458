namespace Attune.Ml.Users;

/// <summary>
/// The Laplace predictive of a comparison under a user's posterior N(mu, Sigma): with m = mu . z and v = z^T Sigma z,
/// E[sigmoid(w . z)] ~ sigmoid(m / sqrt(1 + pi v / 8)) (MacKay's probit approximation). The returned margin
/// m / sqrt(1 + pi v / 8) is that probability's logit: it shrinks comparisons the posterior is unsure about towards a tie,
/// so it can rank comparisons differently from the posterior mean's margin m. Mean length K, covariance shape (K, K)
/// row-major, z rows shape (n, K) row-major.
/// </summary>
public static class PredictiveMargin
{
    /// <summary>The predictive margin of one phi-difference z (length K).</summary>
    public static double Of(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance, ReadOnlySpan<float> z)
    {
        int k = mean.Length;
        Check(k, covariance.Length, z.Length, 1);
        double m = 0.0, v = 0.0;
        for (int a = 0; a < k; a++)
        {
            m += mean[a] * z[a];
            double row = 0.0;
            for (int b = 0; b < k; b++)
            {
                row += covariance[a * k + b] * z[b];
            }

            v += z[a] * row;
        }

        return m / Math.Sqrt(1.0 + Math.PI * Math.Max(v, 0.0) / 8.0);
    }

    /// <summary>The predictive margin of each row of <paramref name="z"/>, shape (n, K), into destination (length n).</summary>
    public static void Of(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance, ReadOnlySpan<float> z, Span<float> destination)
    {
        int k = mean.Length;
        Check(k, covariance.Length, z.Length, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)Of(mean, covariance, z.Slice(i * k, k));
        }
    }

    private static void Check(int k, int covariance, int z, int rows)
    {
        if (k < 1 || covariance != k * k || z != rows * k)
        {
            throw new ArgumentException(
                $"Need mean (K >= 1), covariance (K * K) and z ({rows} x K); got K = {k}, {covariance} and {z} values.", nameof(z));
        }
    }
}
