using System.Text.Json;
using Attune.Data.Jsonl;
using Attune.Text.Hashing;

namespace Attune.Data.Hh;

/// <summary>
/// Loads <c>hh</c>: <c>relabeled_hh_rlhf/dev.jsonl.gz</c> from the shared data folder (HH-RLHF relabeled by "helpful" and
/// "harmless" annotators). The users are the two annotator types ("helpful", "harmless"); each row is one comparison:
/// prompt = the transcript up to the last "Assistant:", response_a/b = <c>responses[0]</c>/<c>[1]</c>, preference 1 when
/// <c>label</c> = 0, else 0. Each row is labelled under one objective only, so no pair is judged by both users: the data
/// tests separating two users, not transfer of shared pairs. Rows whose two responses are identical are skipped (one in the
/// dev file). No ground truth (real labels). The seed shuffles the comparisons and picks the subsample.
/// </summary>
public static class HhDataset
{
    /// <summary>Path of the data file below the shared data folder.</summary>
    public const string RelativePath = "relabeled_hh_rlhf/dev.jsonl.gz";

    /// <summary>The user ids: the annotator objectives.</summary>
    public static readonly IReadOnlyList<string> Users = ["helpful", "harmless"];

    /// <summary>Loads the dataset (deterministic for the seed).</summary>
    /// <exception cref="DirectoryNotFoundException">No shared data folder was found.</exception>
    /// <exception cref="InvalidDataException">A row lacks a documented field (the message gives its line).</exception>
    public static PreferenceDataset Load(HhOptions? options = null)
    {
        var o = options ?? new HhOptions();
        var path = Path.Combine(SharedDataLocator.Require(o.DataRoot), RelativePath);
        var comparisons = new List<Comparison>();
        using (var reader = ComparisonJsonlReader.OpenText(path))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line) && ParseRow(line, path, lineNumber) is { } comparison)
                {
                    comparisons.Add(comparison);
                }
            }
        }

        var random = new Random(o.Seed);
        SeededSampling.Shuffle(random, comparisons);
        if (o.MaxComparisons is { } max && comparisons.Count > max)
        {
            comparisons.RemoveRange(max, comparisons.Count - max);
        }

        var prompts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in comparisons)
        {
            if (!prompts.TryGetValue(c.Prompt, out var candidates))
            {
                prompts[c.Prompt] = candidates = [];
            }

            foreach (var response in new[] { c.ResponseA, c.ResponseB })
            {
                if (!candidates.Contains(response, StringComparer.Ordinal))
                {
                    candidates.Add(response);
                }
            }
        }

        return new PreferenceDataset(
            "hh",
            comparisons,
            Users,
            prompts.Select(kv => new PromptCandidates(kv.Key, kv.Value)).ToList(),
            new HashingFeaturizer(),
            groundTruth: null,
            $"Relabeled HH-RLHF dev: {comparisons.Count} comparisons by two annotator types (helpful, harmless), each row " +
            $"labelled under one objective only; seed {o.Seed}.");
    }

    private static Comparison? ParseRow(string line, string path, int lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var prompt = root.GetProperty("prompt").GetString()!;
            var responses = root.GetProperty("responses");
            var a = responses[0].GetString()!;
            var b = responses[1].GetString()!;
            var objective = root.GetProperty("objective").GetString()!;
            var labelElement = root.GetProperty("label");
            var label = labelElement.ValueKind == JsonValueKind.String
                ? int.Parse(labelElement.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                : labelElement.GetInt32();
            if (!Users.Contains(objective) || label is not (0 or 1))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: objective '{objective}' or label {label} is not documented.");
            }

            return string.Equals(a, b, StringComparison.Ordinal)
                ? null
                : new Comparison(objective, prompt, a, b, label == 0 ? 1.0 : 0.0);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
                                      or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"{path}: line {lineNumber}: {e.Message}", e);
        }
    }
}
