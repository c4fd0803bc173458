namespace Attune.Ml.Objectives;

/// <summary>Up-front argument checks shared by objectives.</summary>
internal static class ObjectiveChecks
{
    public static void Rank(int rank)
    {
        if (rank < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, "K (rank) must be >= 1.");
        }
    }

    public static void Lambda(float lambda, string name)
    {
        if (!(lambda >= 0f) || !float.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(name, lambda, $"{name} must be finite and >= 0.");
        }
    }

    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected}.", name);
        }
    }

    public static void Finite(ReadOnlySpan<float> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] = {values[i]}; values must be finite.", name);
            }
        }
    }
}
