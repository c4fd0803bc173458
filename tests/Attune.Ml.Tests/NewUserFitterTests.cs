using Attune.Ml.Kernels;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

public sealed class NewUserFitterTests
{
    [Fact]
    public void Fit_noAnswers_returnsPrior()
    {
        var prior = new GaussianPrior([0.5, -1.0], [2.0, 0.3, 0.3, 1.0]);

        UserPosterior posterior = NewUserFitter.Fit(prior, [], []);

        Assert.Equal([0.5, -1.0], posterior.Mean);
        Assert.Equal([2.0, 0.3, 0.3, 1.0], posterior.Covariance);
        Assert.Equal(0, posterior.Iterations);
    }

    [Fact]
    public void Fit_symmetricOpposingAnswers_staysAtPriorMeanWithHandComputedVariance()
    {
        // Prior N(0, 1); answers z = 1 with y = 1 and y = 0: the gradient sigmoid(w) - 1 + sigmoid(w) + w vanishes at
        // w = 0, and the Hessian there is 2 * 1/4 + 1 = 3/2, so the posterior variance is 2/3.
        var prior = new GaussianPrior([0.0], [1.0]);

        UserPosterior posterior = NewUserFitter.Fit(prior, [1f, 1f], [1f, 0f]);

        Assert.Equal(0.0, posterior.Mean[0], 12);
        Assert.Equal(2.0 / 3.0, posterior.Covariance[0], 12);
    }

    [Fact]
    public void Fit_singleAnswer_solvesStationaryEquation()
    {
        // Prior N(0, 1), one answer z = 1, y = 1: w* solves w = 1 - sigmoid(w); bisection gives the reference.
        var prior = new GaussianPrior([0.0], [1.0]);
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2;
            (mid - (1 - Logistic.Sigmoid(mid)) > 0 ? ref hi : ref lo) = mid;
        }

        UserPosterior posterior = NewUserFitter.Fit(prior, [1f], [1f]);

        Assert.Equal(lo, posterior.Mean[0], 10);
        Assert.Equal(1.0 / (1.0 + Logistic.SigmoidDerivative(lo)), posterior.Covariance[0], 10);
    }

    [Fact]
    public void Fit_correlatedPrior_matchesLongGradientDescent()
    {
        const int k = 4;
        const int answers = 20;
        float[] z = FiniteDifferences.RandomVector(answers * k, 21, 1.0);
        var random = new Random(22);
        float[] y = Enumerable.Range(0, answers).Select(_ => random.NextDouble() < 0.6 ? 1f : 0f).ToArray();
        double[] covariance = [1.0, 0.4, 0.0, 0.1, 0.4, 2.0, 0.3, 0.0, 0.0, 0.3, 1.5, 0.2, 0.1, 0.0, 0.2, 0.8];
        var prior = new GaussianPrior([0.2, -0.1, 0.0, 0.3], covariance);
        var objective = new Attune.Ml.Objectives.UserObjective(z, y, [], prior.Mean, prior.Precision);
        double[] w = prior.Mean.ToArray();
        var gradient = new double[k];
        for (int it = 0; it < 20000; it++)
        {
            objective.Gradient(w, gradient);
            for (int a = 0; a < k; a++)
            {
                w[a] -= 0.05 * gradient[a];
            }
        }

        UserPosterior posterior = NewUserFitter.Fit(prior, z, y);

        for (int a = 0; a < k; a++)
        {
            Assert.Equal(w[a], posterior.Mean[a], 8);
        }

        Assert.True(posterior.Iterations <= 10, $"Newton took {posterior.Iterations} iterations.");
    }

    [Fact]
    public void Fit_posteriorCovariance_isInverseHessianAtOptimum()
    {
        const int k = 3;
        float[] z = FiniteDifferences.RandomVector(10 * k, 23, 1.0);
        float[] y = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
        var prior = new GaussianPrior([0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);

        UserPosterior posterior = NewUserFitter.Fit(prior, z, y);

        var hessian = new double[k * k];
        new Attune.Ml.Objectives.UserObjective(z, y, [], prior.Mean, prior.Precision).Hessian(posterior.Mean, hessian);
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                double product = 0;
                for (int c = 0; c < k; c++)
                {
                    product += hessian[a * k + c] * posterior.Covariance[c * k + b];
                }

                Assert.Equal(a == b ? 1.0 : 0.0, product, 10);
            }
        }
    }

    [Fact]
    public void Fit_mismatchedLengths_throws()
    {
        var prior = new GaussianPrior([0.0, 0.0], [1.0, 0.0, 0.0, 1.0]);

        var error = Assert.Throws<ArgumentException>(() => NewUserFitter.Fit(prior, [1f, 2f, 3f], [1f]));

        Assert.Equal("phiDifferences", error.ParamName);
    }

    [Fact]
    public void GaussianPrior_fromUserWeights_isShrunkTowardsIdentityScale()
    {
        float[] w = [1f, 1f, 2f, 2f, 3f, 3f];

        var prior = GaussianPrior.FromUserWeights(w, 2, shrinkage: 0.5);

        // Sample covariance [[1, 1], [1, 1]] (singular); shrunk: 0.5 S + 0.5 * (tr S / 2) I + 1e-6 I.
        Assert.Equal([2.0, 2.0], prior.Mean.ToArray());
        Assert.Equal(1.0 + 1e-6, prior.Covariance[0], 12);
        Assert.Equal(0.5, prior.Covariance[1], 12);
    }
}
