using Attune.Ml.Active;

namespace Attune.Ml.Tests;

public sealed class ActiveQuerySelectorTests
{
    [Theory]
    [InlineData(QueryStrategy.Uncertainty)]
    [InlineData(QueryStrategy.InformationGain)]
    public void Select_equalMargins_prefersLargestPosteriorVariance(QueryStrategy strategy)
    {
        double[] mean = [0.0, 0.0];
        double[] covariance = [1.0, 0.0, 0.0, 0.01];
        float[] candidates = [0f, 1f, 1f, 0f, 0.5f, 0.5f];

        int chosen = ActiveQuerySelector.Select(strategy, mean, covariance, candidates);

        Assert.Equal(1, chosen);
    }

    [Theory]
    [InlineData(QueryStrategy.Uncertainty)]
    [InlineData(QueryStrategy.InformationGain)]
    public void Select_confidentCandidate_losesToUncertainOne(QueryStrategy strategy)
    {
        // z0: m = 5, sigmoid' = 0.0066, v = 1; z1: m = 0, sigmoid' = 0.25, v = 0.25.
        double[] mean = [5.0, 0.0];
        double[] covariance = [1.0, 0.0, 0.0, 1.0];
        float[] candidates = [1f, 0f, 0f, 0.5f];

        int chosen = ActiveQuerySelector.Select(strategy, mean, covariance, candidates);

        Assert.Equal(1, chosen);
    }

    [Theory]
    [InlineData(QueryStrategy.Uncertainty, 8)]
    [InlineData(QueryStrategy.InformationGain, 8)]
    [InlineData(QueryStrategy.Uncertainty, 3)]
    public void Score_simdBlocksAndTail_matchDirectFormula(QueryStrategy strategy, int k)
    {
        const int count = 37;
        float[] candidates = FiniteDifferences.RandomVector(count * k, 33, 1.0);
        double[] mean = FiniteDifferences.RandomVector(k, 34, 0.5).Select(x => (double)x).ToArray();
        float[] a = FiniteDifferences.RandomVector(k * k, 35, 0.5);
        var covariance = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double sum = i == j ? 0.5 : 0.0;
                for (int m = 0; m < k; m++)
                {
                    sum += a[i * k + m] * a[j * k + m];
                }

                covariance[i * k + j] = sum;
            }
        }

        var scores = new float[count];
        ActiveQuerySelector.Score(strategy, mean, covariance, candidates, scores);

        for (int c = 0; c < count; c++)
        {
            double margin = 0, variance = 0;
            for (int i = 0; i < k; i++)
            {
                margin += mean[i] * candidates[c * k + i];
                for (int j = 0; j < k; j++)
                {
                    variance += candidates[c * k + i] * covariance[i * k + j] * candidates[c * k + j];
                }
            }

            double slope = Attune.Ml.Kernels.Logistic.SigmoidDerivative(margin);
            double expected = strategy == QueryStrategy.Uncertainty ? slope * Math.Sqrt(variance) : Math.Log(1 + slope * variance);
            Assert.Equal(expected, scores[c], 1e-4 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void SelectTop_returnsCandidatesInDecreasingScore()
    {
        double[] mean = [0.0];
        double[] covariance = [1.0];
        float[] candidates = [0.1f, 3f, 1f, 0.5f, 2f];
        var top = new int[3];

        ActiveQuerySelector.SelectTop(QueryStrategy.InformationGain, mean, covariance, candidates, top);

        // log(1 + sigmoid'(0) z^2) with mean 0 grows with |z|.
        Assert.Equal([1, 4, 2], top);
    }

    [Fact]
    public void SelectTop_random_isSeededDistinctAndInRange()
    {
        double[] mean = [0.0, 0.0];
        double[] covariance = [1.0, 0.0, 0.0, 1.0];
        float[] candidates = FiniteDifferences.RandomVector(2 * 50, 31, 1.0);
        var first = new int[10];
        var second = new int[10];

        ActiveQuerySelector.SelectTop(QueryStrategy.Random, mean, covariance, candidates, first, seed: 5);
        ActiveQuerySelector.SelectTop(QueryStrategy.Random, mean, covariance, candidates, second, seed: 5);

        Assert.Equal(first, second);
        Assert.Equal(10, first.Distinct().Count());
        Assert.All(first, i => Assert.InRange(i, 0, 49));
    }

    [Fact]
    public void Select_candidatesNotMultipleOfK_throws()
    {
        Assert.Throws<ArgumentException>(() =>
            ActiveQuerySelector.Select(QueryStrategy.Uncertainty, [0.0, 0.0], [1.0, 0.0, 0.0, 1.0], [1f, 2f, 3f]));
    }
}
