using Attune.Ml.Active;
using Attune.Ml.Users;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// A new user answering calibration questions one at a time: the next question is chosen among those not yet asked by
/// <see cref="ActiveQuerySelector"/> from the current Laplace posterior (or in a seeded random order), the answer is the
/// user's recorded label for that pair, and the weights are refitted by <see cref="NewUserFitter"/> with the prior after
/// every answer. Records the posterior (mean and covariance) after m answers for every m in the checkpoint list (capped by
/// the pool).
/// </summary>
internal static class QuerySession
{
    /// <param name="prior">Population prior N(mu, Sigma), rank K.</param>
    /// <param name="candidates">phi-differences of the askable comparisons, shape (n, K).</param>
    /// <param name="answers">Recorded preference per askable comparison, length n.</param>
    /// <param name="strategy">How the next question is chosen.</param>
    /// <param name="checkpoints">Ascending answer counts to record.</param>
    /// <param name="seed">Seed of the random order.</param>
    /// <returns>The posterior mean (length K) and covariance (K x K) per checkpoint (same order) and the questions asked, in order.</returns>
    public static (double[][] Means, double[][] Covariances, int[] Asked) Run(
        GaussianPrior prior, float[] candidates, float[] answers, QueryStrategy strategy, IReadOnlyList<int> checkpoints, int seed)
    {
        int k = prior.Rank;
        int n = answers.Length;
        int maxAnswers = Math.Min(checkpoints[^1], n);
        var mean = prior.Mean.ToArray();
        var covariance = prior.Covariance.ToArray();
        var means = new double[checkpoints.Count][];
        var covariances = new double[checkpoints.Count][];
        var asked = new List<int>(maxAnswers);
        var remaining = Enumerable.Range(0, n).ToList();
        var order = strategy == QueryStrategy.Random ? RandomOrder(n, seed) : null;
        var z = new float[maxAnswers * k];
        var y = new float[maxAnswers];
        var pool = new float[n * k];
        int next = 0;
        for (int step = 0; ; step++)
        {
            while (next < checkpoints.Count && (checkpoints[next] == step || (step == maxAnswers && checkpoints[next] > step)))
            {
                covariances[next] = (double[])covariance.Clone();
                means[next++] = (double[])mean.Clone();
            }

            if (step == maxAnswers)
            {
                break;
            }

            int pick;
            if (order is not null)
            {
                pick = order[step];
            }
            else
            {
                for (int r = 0; r < remaining.Count; r++)
                {
                    candidates.AsSpan(remaining[r] * k, k).CopyTo(pool.AsSpan(r * k, k));
                }

                pick = remaining[ActiveQuerySelector.Select(strategy, mean, covariance, pool.AsSpan(0, remaining.Count * k), seed)];
            }

            remaining.Remove(pick);
            asked.Add(pick);
            candidates.AsSpan(pick * k, k).CopyTo(z.AsSpan(step * k, k));
            y[step] = answers[pick];
            NewUserFitter.Fit(prior, z.AsSpan(0, (step + 1) * k), y.AsSpan(0, step + 1), ReadOnlySpan<float>.Empty, mean, covariance);
        }

        return (means, covariances, asked.ToArray());
    }

    private static int[] RandomOrder(int n, int seed)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
