namespace Attune.Evaluation.Splitting;

/// <summary>
/// Splits users into training and new users, and prompts into train / calibration / test, by seeded Fisher-Yates
/// shuffles (users with <c>new Random(seed)</c>, prompts with <c>new Random(seed + 7919)</c>); every part is non-empty.
/// Deterministic for a seed and a partition: each index lands in exactly one part.
/// </summary>
public static class ProtocolSplitter
{
    /// <summary>Splits <paramref name="users"/> users and <paramref name="prompts"/> prompts.</summary>
    /// <param name="users">Number of users, &gt;= 2.</param>
    /// <param name="prompts">Number of prompts, &gt;= 3.</param>
    /// <param name="newUserFraction">Share of users held out as new users, in (0, 1).</param>
    /// <param name="calibrationFraction">Share of prompts for calibration, in (0, 1).</param>
    /// <param name="testFraction">Share of prompts for test, in (0, 1), with calibration + test &lt; 1.</param>
    /// <param name="seed">Seed of both shuffles.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or fraction is out of range.</exception>
    public static ProtocolSplit Split(int users, int prompts, double newUserFraction, double calibrationFraction, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(prompts, 3);
        Fraction(newUserFraction, nameof(newUserFraction));
        Fraction(calibrationFraction, nameof(calibrationFraction));
        Fraction(testFraction, nameof(testFraction));
        if (calibrationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(testFraction), testFraction, $"calibration ({calibrationFraction}) + test ({testFraction}) must be < 1.");
        }

        var userOrder = Shuffled(users, new Random(seed));
        var newCount = Math.Clamp((int)Math.Round(users * newUserFraction), 1, users - 1);
        var promptOrder = Shuffled(prompts, new Random(seed + 7919));
        var calibration = Math.Clamp((int)Math.Round(prompts * calibrationFraction), 1, prompts - 2);
        var test = Math.Clamp((int)Math.Round(prompts * testFraction), 1, prompts - calibration - 1);
        return new ProtocolSplit(
            Sorted(userOrder[newCount..]),
            Sorted(userOrder[..newCount]),
            Sorted(promptOrder[(calibration + test)..]),
            Sorted(promptOrder[..calibration]),
            Sorted(promptOrder[calibration..(calibration + test)]));
    }

    private static int[] Shuffled(int n, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static int[] Sorted(int[] values)
    {
        Array.Sort(values);
        return values;
    }

    private static void Fraction(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in (0, 1).");
        }
    }
}
