using Attune.Ml.Data;
using Attune.Ml.Objectives;

namespace Attune.Ml.Training;

/// <summary>The train/validation split of one run, the comparisons grouped by user, and mean-loss evaluation.</summary>
internal sealed class TrainingContext
{
    public TrainingContext(ComparisonSet data, double validationFraction, int seed)
    {
        (int[] train, int[]? validation) = ComparisonSplit.Indices(data.Count, validationFraction, seed);
        if (validation is not null)
        {
            Train = data.Subset(train);
            Validation = data.Subset(validation);
        }
        else
        {
            Train = data;
        }

        UserCount = data.UserCount;
        Dimension = data.Features.Columns;
        UserStart = new int[UserCount + 1];
        foreach (int u in Train.Users)
        {
            UserStart[u + 1]++;
        }

        for (int u = 0; u < UserCount; u++)
        {
            UserStart[u + 1] += UserStart[u];
        }

        UserComparisons = new int[Train.Count];
        var next = (int[])UserStart.Clone();
        for (int i = 0; i < Train.Count; i++)
        {
            UserComparisons[next[Train.Users[i]]++] = i;
        }
    }

    public ComparisonSet Train { get; }

    public ComparisonSet? Validation { get; }

    public int UserCount { get; }

    public int Dimension { get; }

    /// <summary>Train comparisons of user u are UserComparisons[UserStart[u] .. UserStart[u + 1]).</summary>
    public int[] UserStart { get; }

    public int[] UserComparisons { get; }

    public int UsersWithData()
    {
        int count = 0;
        for (int u = 0; u < UserCount; u++)
        {
            count += UserStart[u + 1] > UserStart[u] ? 1 : 0;
        }

        return count;
    }

    /// <summary>sum_i c_i BCE_i / sum_i c_i on a set, NaN for a null set.</summary>
    public static double MeanLoss(ComparisonSet? set, PairProjection? projection, ReadOnlySpan<float> v, ReadOnlySpan<float> w)
    {
        if (set is null || projection is null)
        {
            return double.NaN;
        }

        double loss = MarginLoss.Evaluate(set, projection, v, w, Span<float>.Empty, Span<float>.Empty);
        double weight = 0.0;
        foreach (float c in set.Weights)
        {
            weight += c;
        }

        return weight > 0 ? loss / weight : 0.0;
    }
}
