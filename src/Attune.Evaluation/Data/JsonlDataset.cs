using Attune.Data;
using Attune.Data.Jsonl;
using Attune.Text;
using Attune.Text.Hashing;

namespace Attune.Evaluation.Data;

/// <summary>
/// A <see cref="PreferenceDataset"/> from a canonical comparison JSONL file: users and prompts in order of first
/// appearance, each prompt's candidates the responses it was compared with. When every line carries features_a /
/// features_b those vectors are e(x, y) (a <see cref="PrecomputedFeaturizer"/> keyed by response text); otherwise the
/// hashing featurizer computes them.
/// </summary>
public static class JsonlDataset
{
    /// <summary>Reads <paramref name="path"/> (gzip when it ends in .gz).</summary>
    /// <exception cref="ComparisonFormatException">A line is invalid.</exception>
    /// <exception cref="InvalidDataException">The file holds no comparison.</exception>
    public static PreferenceDataset Load(string path)
    {
        var comparisons = ComparisonJsonlReader.ReadFile(path).ToList();
        if (comparisons.Count == 0)
        {
            throw new InvalidDataException($"{path}: no comparisons.");
        }

        var users = comparisons.Select(c => c.UserId).Distinct(StringComparer.Ordinal).ToList();
        var prompts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var c in comparisons)
        {
            if (!prompts.TryGetValue(c.Prompt, out var candidates))
            {
                prompts[c.Prompt] = candidates = [];
                order.Add(c.Prompt);
            }

            foreach (var r in new[] { c.ResponseA, c.ResponseB })
            {
                if (!candidates.Contains(r, StringComparer.Ordinal))
                {
                    candidates.Add(r);
                }
            }

            if (c.FeaturesA is not null && c.FeaturesB is not null)
            {
                vectors[c.ResponseA] = c.FeaturesA;
                vectors[c.ResponseB] = c.FeaturesB;
            }
        }

        var precomputed = comparisons.All(c => c.FeaturesA is not null);
        IFeaturizer featurizer = precomputed
            ? new PrecomputedFeaturizer(comparisons[0].FeaturesA!.Length, vectors, source: Path.GetFileName(path))
            : new HashingFeaturizer();
        return new PreferenceDataset(
            Path.GetFileNameWithoutExtension(path), comparisons, users, order.Select(p => new PromptCandidates(p, prompts[p])).ToList(),
            featurizer, groundTruth: null,
            $"{comparisons.Count} comparisons by {users.Count} users on {order.Count} prompts from {path} ({featurizer.Description}).");
    }
}
