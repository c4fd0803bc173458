using Attune.Data;
using Attune.Ml.Data;
using Attune.Text;

namespace Attune.Evaluation.Data;

/// <summary>
/// A <see cref="PreferenceDataset"/> turned into numbers once: every distinct (prompt, response) featurized to e(x, y),
/// every distinct unordered pair of responses given one row d = e(x, first) - e(x, second) of <see cref="Features"/>
/// (first = the response seen first in the data), and every comparison expressed against that row, its preference
/// flipped (1 - y) when the comparison lists the pair in the other order. Sharing one row per pair is what lets several
/// users' judgements of the same pair meet in PReF's users x pairs matrix. Comparisons whose two responses featurize
/// identically (d = 0) carry no information and are dropped (<see cref="DroppedZeroPairs"/>). Every candidate response
/// of every prompt is featurized, so best-of-n can rank responses no one compared.
/// </summary>
public sealed class FeaturizedDataset
{
    private readonly Dictionary<(string Prompt, string Response), SparseVector> _responses;

    private FeaturizedDataset(
        PreferenceDataset dataset, FeatureMatrix features, int[] users, int[] prompts, int[] pairs, float[] preferences,
        int[] sources, int[] pairPrompt, (string, string)[] pairResponses, Dictionary<(string, string), SparseVector> responses, int dropped)
    {
        Sources = sources;
        PairResponses = pairResponses;
        Dataset = dataset;
        Features = features;
        Users = users;
        Prompts = prompts;
        Pairs = pairs;
        Preferences = preferences;
        PairPrompt = pairPrompt;
        _responses = responses;
        DroppedZeroPairs = dropped;
    }

    /// <summary>The source data.</summary>
    public PreferenceDataset Dataset { get; }

    /// <summary>d per distinct pair, shape (pairs, D), CSR.</summary>
    public FeatureMatrix Features { get; }

    /// <summary>Per kept comparison: index into <see cref="PreferenceDataset.Users"/>.</summary>
    public IReadOnlyList<int> Users { get; }

    /// <summary>Per kept comparison: index into <see cref="PreferenceDataset.Prompts"/>.</summary>
    public IReadOnlyList<int> Prompts { get; }

    /// <summary>Per kept comparison: row of <see cref="Features"/>.</summary>
    public IReadOnlyList<int> Pairs { get; }

    /// <summary>Per kept comparison: P(first response of the row preferred), in [0, 1].</summary>
    public IReadOnlyList<float> Preferences { get; }

    /// <summary>Per kept comparison: its index in <see cref="PreferenceDataset.Comparisons"/>.</summary>
    public IReadOnlyList<int> Sources { get; }

    /// <summary>Per pair row: its (first, second) responses; d = e(x, first) - e(x, second).</summary>
    public IReadOnlyList<(string First, string Second)> PairResponses { get; }

    /// <summary>Per pair row: index of its prompt.</summary>
    public IReadOnlyList<int> PairPrompt { get; }

    /// <summary>Number of kept comparisons.</summary>
    public int Count => Users.Count;

    /// <summary>Comparisons dropped because both responses had the same features.</summary>
    public int DroppedZeroPairs { get; }

    /// <summary>e(x, y) of a response seen in the data.</summary>
    /// <exception cref="KeyNotFoundException">The response was never featurized.</exception>
    public SparseVector ResponseFeatures(string prompt, string response) => _responses[(prompt, response)];

    /// <summary>Every kept comparison as one set, users numbered as in <see cref="PreferenceDataset.Users"/>.</summary>
    public ComparisonSet ToComparisonSet() => new(
        Features, Dataset.Users.Count, Users.ToArray(), Pairs.ToArray(), Preferences.ToArray(), userIds: Dataset.Users);

    /// <summary>Featurizes <paramref name="dataset"/> with <paramref name="featurizer"/> (default: its recommended one).</summary>
    /// <param name="dataset">The comparisons.</param>
    /// <param name="featurizer">e(x, y); null for <see cref="PreferenceDataset.RecommendedFeaturizer"/>.</param>
    /// <param name="cache">Optional cache of e(x, y) shared across calls (e.g. across seeds of the same texts).</param>
    public static FeaturizedDataset Build(
        PreferenceDataset dataset, IFeaturizer? featurizer = null, IDictionary<(string, string), SparseVector>? cache = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var f = featurizer ?? dataset.RecommendedFeaturizer;
        var responses = new Dictionary<(string, string), SparseVector>();
        SparseVector Vector(string prompt, string response)
        {
            var key = (prompt, response);
            if (responses.TryGetValue(key, out var v))
            {
                return v;
            }

            if (cache is null || !cache.TryGetValue(key, out v))
            {
                v = f.Featurize(new TextPair(prompt, response));
                cache?.Add(key, v);
            }

            responses[key] = v;
            return v;
        }

        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var u = 0; u < dataset.Users.Count; u++)
        {
            userIndex[dataset.Users[u]] = u;
        }

        var pairRow = new Dictionary<(string, string, string), int>();
        var rowPointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        var pairPrompt = new List<int>();
        var pairResponses = new List<(string, string)>();
        var zeroRows = new HashSet<int>();
        var users = new List<int>();
        var prompts = new List<int>();
        var pairs = new List<int>();
        var preferences = new List<float>();
        var sources = new List<int>();
        var dropped = 0;
        foreach (var candidates in dataset.Prompts)
        {
            foreach (var response in candidates.Responses)
            {
                Vector(candidates.Prompt, response);
            }
        }

        for (var source = 0; source < dataset.Comparisons.Count; source++)
        {
            var c = dataset.Comparisons[source];
            var flipped = pairRow.ContainsKey((c.Prompt, c.ResponseB, c.ResponseA));
            var key = flipped ? (c.Prompt, c.ResponseB, c.ResponseA) : (c.Prompt, c.ResponseA, c.ResponseB);
            if (!pairRow.TryGetValue(key, out var row))
            {
                row = pairPrompt.Count;
                pairRow[key] = row;
                pairPrompt.Add(dataset.IndexOfPrompt(c.Prompt));
                pairResponses.Add((key.Item2, key.Item3));
                var before = columns.Count;
                SparseVector.AppendDifference(Vector(c.Prompt, key.Item2), Vector(c.Prompt, key.Item3), columns, values);
                rowPointers.Add(columns.Count);
                if (columns.Count == before)
                {
                    zeroRows.Add(row);
                }
            }

            if (zeroRows.Contains(row))
            {
                dropped++;
                continue;
            }

            sources.Add(source);
            users.Add(userIndex[c.UserId]);
            prompts.Add(dataset.IndexOfPrompt(c.Prompt));
            pairs.Add(row);
            preferences.Add((float)(flipped ? 1 - c.Preference : c.Preference));
        }

        if (pairPrompt.Count == 0)
        {
            throw new ArgumentException($"dataset '{dataset.Name}' has no comparisons.", nameof(dataset));
        }

        var matrix = new SparseFeatureMatrix(rowPointers.ToArray(), columns.ToArray(), values.ToArray(), f.Dimension);
        return new FeaturizedDataset(
            dataset, matrix, users.ToArray(), prompts.ToArray(), pairs.ToArray(), preferences.ToArray(), sources.ToArray(), pairPrompt.ToArray(), pairResponses.ToArray(), responses, dropped);
    }
}
