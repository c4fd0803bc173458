using Attune.Ml.Kernels;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

public sealed class PredictiveMarginTests
{
    [Fact]
    public void Of_zeroCovariance_isThePosteriorMeanMargin()
    {
        double margin = PredictiveMargin.Of([0.5, -2.0], [0.0, 0.0, 0.0, 0.0], [2f, 1f]);

        Assert.Equal(0.5 * 2 - 2.0, margin, 12);
    }

    [Fact]
    public void Of_handComputedCase_dividesBySqrtOfOnePlusPiVOver8()
    {
        // K = 2, mu = (1, 1), Sigma = diag(8 / pi, 0), z = (1, 1): m = 2, v = 8 / pi, so the margin is 2 / sqrt(2).
        double margin = PredictiveMargin.Of([1.0, 1.0], [8.0 / Math.PI, 0.0, 0.0, 0.0], [1f, 1f]);

        Assert.Equal(Math.Sqrt(2.0), margin, 12);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.5, 0.5)]
    [InlineData(-2.0, 4.0)]
    [InlineData(3.0, 9.0)]
    public void Of_oneDimension_matchesTheGaussianExpectationOfTheSigmoid(double mean, double variance)
    {
        // E[sigmoid(w)] for w ~ N(mean, variance) by the trapezoid rule over +-10 sd; MacKay's approximation is within
        // 0.02 of it in probability over this range.
        double sd = Math.Sqrt(variance), expected = 0.0;
        const int steps = 20_000;
        for (int i = 0; i <= steps; i++)
        {
            double t = -10.0 + 20.0 * i / steps;
            double weight = (i == 0 || i == steps ? 0.5 : 1.0) * (20.0 / steps) * Math.Exp(-0.5 * t * t) / Math.Sqrt(2 * Math.PI);
            expected += weight * Logistic.Sigmoid(mean + sd * t);
        }

        double margin = PredictiveMargin.Of([mean], [variance], [1f]);

        Assert.InRange(Logistic.Sigmoid(margin) - expected, -0.02, 0.02);
    }

    [Fact]
    public void Of_uncertainComparison_ranksBelowACertainOneWithTheSameMeanMargin()
    {
        // Same posterior-mean margin 1 for both rows, but the second row lies along the uncertain direction.
        var margins = new float[2];

        PredictiveMargin.Of([1.0, 1.0], [0.01, 0.0, 0.0, 4.0], [1f, 0f, 0f, 1f], margins);

        Assert.True(margins[0] > margins[1], $"certain {margins[0]} vs uncertain {margins[1]}");
        Assert.Equal(1.0, margins[0], 2);
    }

    [Fact]
    public void Of_mismatchedShapes_throws()
    {
        Assert.Throws<ArgumentException>(() => PredictiveMargin.Of([1.0, 1.0], [1.0, 0.0, 0.0], [1f, 1f]));
        Assert.Throws<ArgumentException>(() => PredictiveMargin.Of([1.0, 1.0], [1.0, 0.0, 0.0, 1.0], [1f, 1f, 1f], new float[2]));
    }
}
