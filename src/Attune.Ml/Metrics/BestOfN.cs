namespace Attune.Ml.Metrics;

/// <summary>Best-of-n selection quality of a personalised reward against a non-personalised one.</summary>
public static class BestOfN
{
    /// <summary>
    /// For each prompt, both rewards pick their arg-max among n candidates (first index on ties); the personalised pick
    /// wins when its true reward is higher (1), ties count 1/2, losses 0. Returns the mean over prompts.
    /// All arrays have shape (prompts, n) row-major.
    /// </summary>
    /// <param name="trueRewards">The user's true reward of each candidate.</param>
    /// <param name="personalized">Personalised predicted reward of each candidate.</param>
    /// <param name="baseline">Non-personalised predicted reward of each candidate.</param>
    /// <param name="candidatesPerPrompt">n >= 1.</param>
    public static double WinRate(
        ReadOnlySpan<float> trueRewards, ReadOnlySpan<float> personalized, ReadOnlySpan<float> baseline, int candidatesPerPrompt)
    {
        int n = candidatesPerPrompt;
        if (n < 1 || trueRewards.IsEmpty || trueRewards.Length % n != 0
            || personalized.Length != trueRewards.Length || baseline.Length != trueRewards.Length)
        {
            throw new ArgumentException(
                $"All three arrays must have shape (prompts >= 1, n = {n}); got {trueRewards.Length}, {personalized.Length}, {baseline.Length} values.",
                nameof(trueRewards));
        }

        int prompts = trueRewards.Length / n;
        double wins = 0.0;
        for (int q = 0; q < prompts; q++)
        {
            float mine = trueRewards[q * n + ArgMax(personalized.Slice(q * n, n))];
            float theirs = trueRewards[q * n + ArgMax(baseline.Slice(q * n, n))];
            wins += mine > theirs ? 1.0 : mine == theirs ? 0.5 : 0.0;
        }

        return wins / prompts;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
