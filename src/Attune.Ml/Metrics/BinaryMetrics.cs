using Attune.Ml.Kernels;

namespace Attune.Ml.Metrics;

/// <summary>
/// Metrics of predicted probabilities p_i = P(first response preferred) against preferences y_i in [0, 1].
/// Label conventions: for AUC and accuracy a soft label is thresholded, y &gt; 0.5 positive, y &lt; 0.5 negative, and
/// y = 0.5 (a tie) is excluded; log-loss and ECE use y as given (soft). All return NaN when nothing is left to score.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>
    /// AUC-ROC = P(score of a random positive &gt; score of a random negative), counting score ties as 1/2 (average ranks,
    /// Mann-Whitney U / (positives x negatives)). Scores may be margins or probabilities (any monotone transform).
    /// </summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> preferences)
    {
        CheckPair(scores, preferences);
        var items = new List<(float Score, bool Positive)>(scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            if (preferences[i] != 0.5f)
            {
                items.Add((scores[i], preferences[i] > 0.5f));
            }
        }

        items.Sort((a, b) => a.Score.CompareTo(b.Score));
        double positiveRankSum = 0.0;
        long positives = 0;
        int start = 0;
        while (start < items.Count)
        {
            int end = start;
            while (end + 1 < items.Count && items[end + 1].Score == items[start].Score)
            {
                end++;
            }

            double averageRank = (start + end) / 2.0 + 1.0;
            for (int j = start; j <= end; j++)
            {
                if (items[j].Positive)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = items.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Fraction of non-tie comparisons where p &gt; 0.5 matches y &gt; 0.5; p = 0.5 scores 1/2.</summary>
    public static double Accuracy(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> preferences)
    {
        CheckPair(probabilities, preferences);
        double correct = 0.0;
        int count = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (preferences[i] == 0.5f)
            {
                continue;
            }

            count++;
            float p = probabilities[i];
            correct += p == 0.5f ? 0.5 : (p > 0.5f) == (preferences[i] > 0.5f) ? 1.0 : 0.0;
        }

        return count == 0 ? double.NaN : correct / count;
    }

    /// <summary>Mean of -[y log p + (1 - y) log(1 - p)], p clipped to [1e-7, 1 - 1e-7].</summary>
    public static double LogLoss(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> preferences)
    {
        CheckPair(probabilities, preferences);
        if (probabilities.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0.0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-7, 1 - 1e-7);
            sum -= preferences[i] * Math.Log(p) + (1 - preferences[i]) * Math.Log(1 - p);
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// Expected calibration error with equal-width bins over [0, 1] (bin b holds p in [b/B, (b+1)/B), p = 1 in the last):
    /// ECE = sum_b (n_b / n) |mean_b(y) - mean_b(p)|.
    /// </summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> preferences, int bins = 10)
    {
        CheckPair(probabilities, preferences);
        if (bins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be >= 1.");
        }

        if (probabilities.IsEmpty)
        {
            return double.NaN;
        }

        var sumP = new double[bins];
        var sumY = new double[bins];
        var counts = new int[bins];
        for (int i = 0; i < probabilities.Length; i++)
        {
            int b = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            sumP[b] += probabilities[i];
            sumY[b] += preferences[i];
            counts[b]++;
        }

        double ece = 0.0;
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] > 0)
            {
                ece += Math.Abs(sumY[b] - sumP[b]) / probabilities.Length;
            }
        }

        return ece;
    }

    /// <summary>probabilities[i] = sigmoid(margins[i]).</summary>
    public static void ToProbabilities(ReadOnlySpan<float> margins, Span<float> probabilities)
    {
        if (margins.Length != probabilities.Length)
        {
            throw new ArgumentException($"probabilities has length {probabilities.Length}; expected {margins.Length}.", nameof(probabilities));
        }

        for (int i = 0; i < margins.Length; i++)
        {
            probabilities[i] = (float)Logistic.Sigmoid(margins[i]);
        }
    }

    private static void CheckPair(ReadOnlySpan<float> predictions, ReadOnlySpan<float> preferences)
    {
        if (predictions.Length != preferences.Length)
        {
            throw new ArgumentException($"preferences has length {preferences.Length}; predictions have {predictions.Length}.", nameof(preferences));
        }

        for (int i = 0; i < predictions.Length; i++)
        {
            if (float.IsNaN(predictions[i]) || !(preferences[i] >= 0f && preferences[i] <= 1f))
            {
                throw new ArgumentException($"Entry {i}: prediction {predictions[i]}, preference {preferences[i]}; predictions must not be NaN and preferences must lie in [0, 1].", nameof(preferences));
            }
        }
    }
}
