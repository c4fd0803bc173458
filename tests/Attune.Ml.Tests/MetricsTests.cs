using Attune.Ml.Metrics;

namespace Attune.Ml.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Auc_tiedScoresAndTiedLabels_countHalfAndAreExcluded()
    {
        // Positives 0.4, 0.8 (and soft 0.7 -> positive at 0.8); negatives 0.1, 0.4; the y = 0.5 row is excluded.
        // Pairs (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) 1/2, (0.8, 0.1) 1, (0.8, 0.4) 1 -> 3.5 / 4.
        float[] scores = [0.1f, 0.4f, 0.4f, 0.8f, 0.05f];
        float[] labels = [0f, 0f, 1f, 0.7f, 0.5f];

        Assert.Equal(0.875, BinaryMetrics.Auc(scores, labels), 12);
    }

    [Fact]
    public void Auc_singleClass_isNaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.Auc([0.1f, 0.2f], [1f, 1f])));
    }

    [Fact]
    public void Accuracy_handComputed()
    {
        // 0.9 vs 1 right, 0.2 vs 0 right, 0.5 counts half, 0.6 vs 0 wrong, tie label excluded.
        Assert.Equal(0.625, BinaryMetrics.Accuracy([0.9f, 0.2f, 0.5f, 0.6f, 0.9f], [1f, 0f, 1f, 0f, 0.5f]), 12);
    }

    [Fact]
    public void LogLoss_handComputed()
    {
        double expected = -(Math.Log(0.8) + Math.Log(0.7)) / 2;

        Assert.Equal(expected, BinaryMetrics.LogLoss([0.8f, 0.3f], [1f, 0f]), 6);
    }

    [Fact]
    public void ExpectedCalibrationError_handComputed()
    {
        // Bins: [0, .1): |0 - .05|, n 1; [.1, .2): |1 - .15|, n 1; [.9, 1]: |.5 - .95|, n 2 -> (0.05 + 0.85 + 0.9) / 4.
        Assert.Equal(0.45, BinaryMetrics.ExpectedCalibrationError([0.05f, 0.15f, 0.95f, 0.95f], [0f, 1f, 1f, 0f]), 6);
    }

    [Fact]
    public void BestOfN_winTieLoss_handComputed()
    {
        float[] truth = [1, 2, 3, 5, 4, 0, 0, 1, 2];
        float[] personal = [0, 0, 1, 1, 0, 0, 1, 0, 0];
        float[] baseline = [1, 0, 0, 1, 0, 0, 0, 0, 1];

        // Prompt 1: 3 vs 1 win; prompt 2: 5 vs 5 tie; prompt 3: 0 vs 2 loss.
        Assert.Equal(0.5, BestOfN.WinRate(truth, personal, baseline, 3), 12);
    }

    [Fact]
    public void Metrics_mismatchedLengths_throw()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Auc([0.1f], [1f, 0f]));
        Assert.Throws<ArgumentException>(() => BestOfN.WinRate([1f, 2f], [1f], [1f, 2f], 2));
    }
}
