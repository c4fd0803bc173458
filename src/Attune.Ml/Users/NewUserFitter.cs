using Attune.Ml.Kernels;
using Attune.Ml.Objectives;

namespace Attune.Ml.Users;

/// <summary>
/// Fits a new user's K weights by Newton's method (IRLS) on <see cref="UserObjective"/> with the training users' prior:
/// w* = argmin sum_j c_j BCE(y_j, sigmoid(w . z_j)) + 1/2 (w - mu)^T Sigma^-1 (w - mu), posterior covariance H(w*)^-1.
/// With zero answers the posterior is the prior (cold start). Scratch lives on the stack for K &lt;= 32, so the
/// span overload allocates nothing.
/// </summary>
public static class NewUserFitter
{
    private const int MaxIterations = 50;

    /// <summary>Fits and returns a new <see cref="UserPosterior"/>.</summary>
    /// <param name="prior">N(mu, Sigma), rank K.</param>
    /// <param name="phiDifferences">z_j = V d_j of each answer, shape (answers, K) row-major (may be empty).</param>
    /// <param name="preferences">y_j in [0, 1], length answers; 1 = first response preferred.</param>
    /// <param name="weights">c_j, length answers, or empty for all 1.</param>
    public static UserPosterior Fit(
        GaussianPrior prior, ReadOnlySpan<float> phiDifferences, ReadOnlySpan<float> preferences, ReadOnlySpan<float> weights = default)
    {
        ArgumentNullException.ThrowIfNull(prior);
        var mean = new double[prior.Rank];
        var covariance = new double[prior.Rank * prior.Rank];
        int iterations = Fit(prior, phiDifferences, preferences, weights, mean, covariance);
        return new UserPosterior(mean, covariance, iterations);
    }

    /// <summary>Allocation-free fit into mean (length K) and covariance (shape (K, K)); returns the Newton iterations.</summary>
    public static int Fit(
        GaussianPrior prior, ReadOnlySpan<float> phiDifferences, ReadOnlySpan<float> preferences, ReadOnlySpan<float> weights,
        Span<double> mean, Span<double> covariance)
    {
        ArgumentNullException.ThrowIfNull(prior);
        int k = prior.Rank;
        if (mean.Length != k || covariance.Length != k * k)
        {
            throw new ArgumentException($"mean and covariance must have K = {k} and K * K = {k * k} values; got {mean.Length} and {covariance.Length}.", nameof(mean));
        }

        var objective = new UserObjective(phiDifferences, preferences, weights, prior.Mean, prior.Precision);
        prior.Mean.CopyTo(mean);
        if (preferences.IsEmpty)
        {
            prior.Covariance.CopyTo(covariance);
            return 0;
        }

        Span<double> hessian = k <= 32 ? stackalloc double[k * k] : new double[k * k];
        Span<double> gradient = k <= 32 ? stackalloc double[k] : new double[k];
        Span<double> step = k <= 32 ? stackalloc double[k] : new double[k];
        Span<double> trial = k <= 32 ? stackalloc double[k] : new double[k];
        int iterations = 0;
        double loss = objective.LossGradientHessian(mean, gradient, hessian);
        while (iterations < MaxIterations)
        {
            iterations++;
            if (!SmallMatrix.CholeskyInPlace(hessian, k))
            {
                throw new ArgumentException("The Hessian is not positive definite: the prior covariance is ill conditioned.", nameof(prior));
            }

            for (int a = 0; a < k; a++)
            {
                step[a] = -gradient[a];
            }

            SmallMatrix.CholeskySolveInPlace(hessian, k, step);
            double slope = 0.0;
            for (int a = 0; a < k; a++)
            {
                slope += step[a] * gradient[a];
            }

            // -slope = g^T H^-1 g is the squared Newton decrement: half of it predicts the remaining decrease.
            if (-slope < 1e-20)
            {
                objective.Hessian(mean, hessian);
                break;
            }

            double t = 1.0;
            for (int b = 0; b < 40; b++, t *= 0.5)
            {
                for (int a = 0; a < k; a++)
                {
                    trial[a] = mean[a] + t * step[a];
                }

                if (objective.Loss(trial) <= loss + 1e-4 * t * slope)
                {
                    break;
                }
            }

            trial.CopyTo(mean);
            loss = objective.LossGradientHessian(mean, gradient, hessian);
            if (-slope * t < 1e-16 * (1.0 + Math.Abs(loss)))
            {
                break;
            }
        }

        SmallMatrix.CholeskyInPlace(hessian, k);
        SmallMatrix.CholeskyInverse(hessian, k, covariance);
        return iterations;
    }
}
