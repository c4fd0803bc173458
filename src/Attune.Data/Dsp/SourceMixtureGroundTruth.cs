namespace Attune.Data.Dsp;

/// <summary>
/// The true reward of the dsp world: r*_u(x, y) = s * max over the sources that wrote y for x of w_u[source], where w_u
/// (length 5, summing to 1, order of <see cref="DspDataset.Sources"/>) is the user's Dirichlet mixture. A text written
/// identically by two sources (it happens in 21 dev items) counts as the user's favourite of them.
/// </summary>
public sealed class SourceMixtureGroundTruth : IGroundTruth
{
    private readonly Dictionary<string, double[]> _weights;
    private readonly Dictionary<(string Prompt, string Response), int[]> _sources;

    internal SourceMixtureGroundTruth(
        Dictionary<string, double[]> weights, Dictionary<(string, string), int[]> sources, double scale, double temperature)
    {
        Temperature = temperature;
        _weights = weights;
        _sources = sources;
        RewardScale = scale;
    }

    /// <summary>Scale s.</summary>
    public double RewardScale { get; }

    /// <summary>The user's weights over <see cref="DspDataset.Sources"/>.</summary>
    /// <exception cref="KeyNotFoundException">Unknown user.</exception>
    public IReadOnlyList<double> Mixture(string userId) =>
        _weights.TryGetValue(userId, out var w) ? w : throw new KeyNotFoundException($"unknown user '{userId}'.");

    /// <summary>Indices into <see cref="DspDataset.Sources"/> of the sources that wrote <paramref name="response"/>.</summary>
    /// <exception cref="KeyNotFoundException">The (prompt, response) is not in the data.</exception>
    public IReadOnlyList<int> SourcesOf(string prompt, string response) =>
        _sources.TryGetValue((prompt, response), out var s)
            ? s
            : throw new KeyNotFoundException("the response is not one of the prompt's dsp responses.");

    /// <inheritdoc />
    public double Temperature { get; }

    /// <inheritdoc />
    public double Reward(string userId, string prompt, string response)
    {
        var w = Mixture(userId);
        return RewardScale * SourcesOf(prompt, response).Max(s => w[s]);
    }
}
