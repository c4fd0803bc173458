namespace Attune.Ml.Training;

/// <summary>
/// The seeded train/validation split of comparison indices that <see cref="PrefTrainer"/> uses, public so that a trainer
/// refining its result (the neural basis) holds out exactly the same comparisons.
/// </summary>
public static class ComparisonSplit
{
    /// <summary>
    /// floor(count * validationFraction) indices go to validation, drawn by a <see cref="Random"/>(seed) shuffle; both
    /// parts sorted. Validation is null when either part would be empty.
    /// </summary>
    public static (int[] Train, int[]? Validation) Indices(int count, double validationFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, $"validationFraction must be in [0, 1); got {validationFraction}.");
        }

        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        int validationCount = (int)Math.Floor(count * validationFraction);
        if (validationCount < 1 || count - validationCount < 1)
        {
            return (order, null);
        }

        new Random(seed).Shuffle(order);
        var validation = order.AsSpan(0, validationCount).ToArray();
        var train = order.AsSpan(validationCount).ToArray();
        Array.Sort(validation);
        Array.Sort(train);
        return (train, validation);
    }
}
