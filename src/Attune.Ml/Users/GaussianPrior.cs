using Attune.Ml.Kernels;

namespace Attune.Ml.Users;

/// <summary>
/// Gaussian prior N(mu, Sigma) over a user's K weights, fitted to the training users' weights. Mean length K;
/// covariance and precision shape (K, K) row-major.
/// </summary>
public sealed class GaussianPrior
{
    private readonly double[] _mean;
    private readonly double[] _covariance;
    private readonly double[] _precision;

    /// <summary>Wraps mu (length K) and Sigma (shape (K, K), symmetric positive definite); both copied.</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, non-finite values, or Sigma not positive definite.</exception>
    public GaussianPrior(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        int k = mean.Length;
        if (k < 1)
        {
            throw new ArgumentException("mean must have K >= 1 entries.", nameof(mean));
        }

        if (covariance.Length != k * k)
        {
            throw new ArgumentException($"covariance has {covariance.Length} values; expected K * K = {k * k}.", nameof(covariance));
        }

        foreach (double m in mean)
        {
            if (!double.IsFinite(m))
            {
                throw new ArgumentException("mean contains a NaN or infinite value.", nameof(mean));
            }
        }

        var l = covariance.ToArray();
        if (!SmallMatrix.CholeskyInPlace(l, k))
        {
            throw new ArgumentException("covariance is not symmetric positive definite.", nameof(covariance));
        }

        Rank = k;
        _mean = mean.ToArray();
        _covariance = covariance.ToArray();
        _precision = new double[k * k];
        SmallMatrix.CholeskyInverse(l, k, _precision);
        CovarianceCholesky = l;
    }

    /// <summary>K.</summary>
    public int Rank { get; }

    /// <summary>mu, length K.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Sigma, shape (K, K).</summary>
    public ReadOnlySpan<double> Covariance => _covariance;

    /// <summary>Sigma^-1, shape (K, K).</summary>
    public ReadOnlySpan<double> Precision => _precision;

    internal double[] CovarianceCholesky { get; }

    /// <summary>
    /// Fits mu and Sigma to user weights W, shape (users, K), shrinking the sample covariance S towards a scaled identity
    /// so that it stays well conditioned with few users: Sigma = (1 - a) S + a (tr S / K) I + 1e-6 I.
    /// </summary>
    /// <param name="userWeights">W, shape (users, K) row-major, users >= 1.</param>
    /// <param name="rank">K.</param>
    /// <param name="shrinkage">a in [0, 1].</param>
    public static GaussianPrior FromUserWeights(ReadOnlySpan<float> userWeights, int rank, double shrinkage = 0.1)
    {
        if (rank < 1 || userWeights.IsEmpty || userWeights.Length % rank != 0)
        {
            throw new ArgumentException($"userWeights must have shape (users >= 1, K = {rank}); got {userWeights.Length} values.", nameof(userWeights));
        }

        if (!(shrinkage >= 0 && shrinkage <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "shrinkage must lie in [0, 1].");
        }

        int users = userWeights.Length / rank;
        var mean = new double[rank];
        for (int u = 0; u < users; u++)
        {
            for (int a = 0; a < rank; a++)
            {
                mean[a] += userWeights[u * rank + a];
            }
        }

        for (int a = 0; a < rank; a++)
        {
            mean[a] /= users;
        }

        var covariance = new double[rank * rank];
        for (int u = 0; u < users; u++)
        {
            for (int a = 0; a < rank; a++)
            {
                double da = userWeights[u * rank + a] - mean[a];
                for (int b = 0; b < rank; b++)
                {
                    covariance[a * rank + b] += da * (userWeights[u * rank + b] - mean[b]) / Math.Max(1, users - 1);
                }
            }
        }

        double trace = 0.0;
        for (int a = 0; a < rank; a++)
        {
            trace += covariance[a * rank + a];
        }

        double target = Math.Max(trace / rank, 1e-3);
        for (int i = 0; i < covariance.Length; i++)
        {
            covariance[i] *= 1 - shrinkage;
        }

        for (int a = 0; a < rank; a++)
        {
            covariance[a * rank + a] += shrinkage * target + 1e-6;
        }

        return new GaussianPrior(mean, covariance);
    }
}
