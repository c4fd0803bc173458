namespace Attune.Ml.Users;

/// <summary>
/// Laplace posterior of one user's weights: mean w* (the MAP), length K, and covariance H(w*)^-1, shape (K, K)
/// row-major, with H the Hessian of <see cref="Objectives.UserObjective"/>.
/// </summary>
public sealed class UserPosterior
{
    /// <summary>Wraps mean (length K) and covariance (length K * K); not copied.</summary>
    public UserPosterior(double[] mean, double[] covariance, int iterations)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        if (mean.Length == 0 || covariance.Length != mean.Length * mean.Length)
        {
            throw new ArgumentException($"covariance must have K * K = {mean.Length * mean.Length} values; got {covariance.Length}.", nameof(covariance));
        }

        Mean = mean;
        Covariance = covariance;
        Iterations = iterations;
    }

    /// <summary>K.</summary>
    public int Rank => Mean.Length;

    /// <summary>w*, length K.</summary>
    public double[] Mean { get; }

    /// <summary>H(w*)^-1, shape (K, K).</summary>
    public double[] Covariance { get; }

    /// <summary>Newton iterations taken (0 for the prior itself).</summary>
    public int Iterations { get; }
}
