namespace Attune.Data;

/// <summary>
/// The Bradley-Terry model used to label every simulated world: P(a preferred over b) = sigmoid((r_a - r_b) / T) with
/// reward r and temperature T &gt; 0; a sampled label is 1 (a preferred) with that probability, else 0.
/// </summary>
public static class BradleyTerry
{
    /// <summary>sigmoid((rewardA - rewardB) / temperature).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not a positive finite number.</exception>
    public static double Probability(double rewardA, double rewardB, double temperature = 1.0)
    {
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0.");
        }

        var z = (rewardA - rewardB) / temperature;
        return z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
    }

    /// <summary>A hard label: 1 with probability <see cref="Probability"/>, else 0 (one draw from <paramref name="random"/>).</summary>
    public static double SampleLabel(Random random, double rewardA, double rewardB, double temperature = 1.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < Probability(rewardA, rewardB, temperature) ? 1.0 : 0.0;
    }
}
