using Attune.Text;

namespace Attune.Data;

/// <summary>
/// A loaded dataset: the comparisons, its users, its prompts with their candidate responses, the ground truth reward where
/// the world is simulated, and the featurizer recommended for it. Immutable.
/// </summary>
public sealed class PreferenceDataset
{
    private readonly Dictionary<string, int> _promptIndex;

    /// <summary>Builds a dataset, checking that every comparison's user and prompt is listed.</summary>
    /// <param name="name">Catalog name, e.g. "styles".</param>
    /// <param name="comparisons">The judgements.</param>
    /// <param name="users">Every user id, distinct (users without comparisons are allowed).</param>
    /// <param name="prompts">Every prompt with its candidates, prompts distinct.</param>
    /// <param name="recommendedFeaturizer">The featurizer to use for e(x, y) unless there is a reason not to.</param>
    /// <param name="groundTruth">The true reward, or null for real data.</param>
    /// <param name="description">What the dataset is and how it was built, one paragraph.</param>
    /// <exception cref="ArgumentException">A comparison names an unknown user or prompt, or ids repeat.</exception>
    public PreferenceDataset(
        string name,
        IReadOnlyList<Comparison> comparisons,
        IReadOnlyList<string> users,
        IReadOnlyList<PromptCandidates> prompts,
        IFeaturizer recommendedFeaturizer,
        IGroundTruth? groundTruth,
        string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(recommendedFeaturizer);
        ArgumentNullException.ThrowIfNull(description);
        var userSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            if (!userSet.Add(user))
            {
                throw new ArgumentException($"user '{user}' is listed twice.", nameof(users));
            }
        }

        _promptIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < prompts.Count; i++)
        {
            if (!_promptIndex.TryAdd(prompts[i].Prompt, i))
            {
                throw new ArgumentException($"prompts[{i}] repeats an earlier prompt.", nameof(prompts));
            }
        }

        for (var i = 0; i < comparisons.Count; i++)
        {
            if (!userSet.Contains(comparisons[i].UserId))
            {
                throw new ArgumentException($"comparisons[{i}] has unknown user '{comparisons[i].UserId}'.", nameof(comparisons));
            }

            if (!_promptIndex.ContainsKey(comparisons[i].Prompt))
            {
                throw new ArgumentException($"comparisons[{i}] has a prompt missing from prompts.", nameof(comparisons));
            }
        }

        Name = name;
        Comparisons = comparisons;
        Users = users;
        Prompts = prompts;
        RecommendedFeaturizer = recommendedFeaturizer;
        GroundTruth = groundTruth;
        Description = description;
    }

    /// <summary>Catalog name.</summary>
    public string Name { get; }

    /// <summary>The judgements, in a fixed (seeded) order.</summary>
    public IReadOnlyList<Comparison> Comparisons { get; }

    /// <summary>Every user id.</summary>
    public IReadOnlyList<string> Users { get; }

    /// <summary>Every prompt with all its known responses.</summary>
    public IReadOnlyList<PromptCandidates> Prompts { get; }

    /// <summary>The featurizer recommended for this data (precomputed for synthetic, hashing for text worlds).</summary>
    public IFeaturizer RecommendedFeaturizer { get; }

    /// <summary>The true reward, or null when none exists (real annotations such as hh).</summary>
    public IGroundTruth? GroundTruth { get; }

    /// <summary>How the data was built.</summary>
    public string Description { get; }

    /// <summary>Position of <paramref name="prompt"/> in <see cref="Prompts"/>, or -1.</summary>
    public int IndexOfPrompt(string prompt) => _promptIndex.GetValueOrDefault(prompt, -1);

    /// <summary>
    /// Agreement of the ground truth with the labels: the mean over comparisons of p if r*(a) &gt; r*(b), 1 - p if
    /// r*(a) &lt; r*(b), and 0.5 on equal rewards (p = <see cref="Comparison.Preference"/>). The accuracy an oracle scores;
    /// null without ground truth.
    /// </summary>
    public double? OracleAccuracy()
    {
        if (GroundTruth is null || Comparisons.Count == 0)
        {
            return null;
        }

        double sum = 0;
        foreach (var c in Comparisons)
        {
            var diff = GroundTruth.Reward(c.UserId, c.Prompt, c.ResponseA) - GroundTruth.Reward(c.UserId, c.Prompt, c.ResponseB);
            sum += diff > 0 ? c.Preference : diff < 0 ? 1 - c.Preference : 0.5;
        }

        return sum / Comparisons.Count;
    }
}
