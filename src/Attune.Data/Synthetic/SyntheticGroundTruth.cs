namespace Attune.Data.Synthetic;

/// <summary>
/// The true reward of the synthetic world: r*_u(x, y) = s * w_u . (V e(x, y)), with V of shape (K_true, D) row-major,
/// w_u of length K_true, e(x, y) of length D and scale s = <see cref="RewardScale"/>.
/// </summary>
public sealed class SyntheticGroundTruth : IGroundTruth
{
    private readonly Dictionary<string, double[]> _userWeights;
    private readonly Dictionary<string, (string Prompt, float[] Vector)> _responses;

    internal SyntheticGroundTruth(
        int trueRank,
        int featureDimension,
        double[] trueMap,
        Dictionary<string, double[]> userWeights,
        Dictionary<string, (string Prompt, float[] Vector)> responses,
        double rewardScale,
        double temperature)
    {
        TrueRank = trueRank;
        FeatureDimension = featureDimension;
        TrueMap = trueMap;
        _userWeights = userWeights;
        _responses = responses;
        RewardScale = rewardScale;
        Temperature = temperature;
    }

    /// <summary>K_true.</summary>
    public int TrueRank { get; }

    /// <summary>D.</summary>
    public int FeatureDimension { get; }

    /// <summary>The true V, shape (K_true, D), row-major.</summary>
    public IReadOnlyList<double> TrueMap { get; }

    /// <summary>Scale s of the reward.</summary>
    public double RewardScale { get; }

    /// <summary>The true w_u (length K_true) of <paramref name="userId"/>.</summary>
    /// <exception cref="KeyNotFoundException">Unknown user.</exception>
    public IReadOnlyList<double> UserWeights(string userId) =>
        _userWeights.TryGetValue(userId, out var w) ? w : throw new KeyNotFoundException($"unknown user '{userId}'.");

    /// <inheritdoc />
    public double Temperature { get; }

    /// <inheritdoc />
    public double Reward(string userId, string prompt, string response)
    {
        var w = UserWeights(userId);
        if (!_responses.TryGetValue(response, out var entry) || !string.Equals(entry.Prompt, prompt, StringComparison.Ordinal))
        {
            throw new KeyNotFoundException($"response '{response}' to prompt '{prompt}' is not part of the synthetic world.");
        }

        double reward = 0;
        for (var k = 0; k < TrueRank; k++)
        {
            double phi = 0;
            for (var d = 0; d < FeatureDimension; d++)
            {
                phi += TrueMap[(k * FeatureDimension) + d] * entry.Vector[d];
            }

            reward += w[k] * phi;
        }

        return RewardScale * reward;
    }
}
