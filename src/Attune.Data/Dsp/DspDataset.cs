using System.Text.Json;
using Attune.Text.Hashing;

namespace Attune.Data.Dsp;

/// <summary>
/// Loads <c>dsp</c>: <c>dsp/domain_specific_preference.dev.json</c> from the shared data folder (461 Alpaca queries, one
/// response per source: academy, business, entertainment, literature, normal). Each simulated user has Dirichlet(alpha)
/// weights over the sources; r*_u(y) = s * w_u[source of y] (<see cref="SourceMixtureGroundTruth"/>). Candidates of a query
/// are its distinct response texts; the pool holds every pair of them (about 10 per query); each user judges a seeded
/// subset in random a/b order with a hard Bradley-Terry label. Users are "dsp-u000", ...; hashing is the recommended
/// featurizer. The file is read at run time and never copied (CC BY-NC 4.0).
/// </summary>
public static class DspDataset
{
    /// <summary>Path of the data file below the shared data folder.</summary>
    public const string RelativePath = "dsp/domain_specific_preference.dev.json";

    /// <summary>The five sources, in the index order used by weights.</summary>
    public static readonly IReadOnlyList<string> Sources = ["academy", "business", "entertainment", "literature", "normal"];

    /// <summary>Loads and simulates the dataset (deterministic for the seed).</summary>
    /// <exception cref="DirectoryNotFoundException">No shared data folder was found.</exception>
    /// <exception cref="InvalidDataException">The file does not have the documented shape.</exception>
    public static PreferenceDataset Load(DspOptions? options = null)
    {
        var o = options ?? new DspOptions();
        var path = Path.Combine(SharedDataLocator.Require(o.DataRoot), RelativePath);
        var items = Read(path);
        var random = new Random(o.Seed);

        var prompts = new List<PromptCandidates>(items.Count);
        var sources = new Dictionary<(string, string), int[]>();
        var pool = new List<(int Prompt, int A, int B)>();
        foreach (var (query, responses) in items)
        {
            var distinct = new List<string>();
            for (var s = 0; s < Sources.Count; s++)
            {
                var key = (query, responses[s]);
                if (sources.TryGetValue(key, out var known))
                {
                    sources[key] = [.. known, s];
                }
                else
                {
                    sources[key] = [s];
                    distinct.Add(responses[s]);
                }
            }

            for (var a = 0; a < distinct.Count; a++)
            {
                for (var b = a + 1; b < distinct.Count; b++)
                {
                    pool.Add((prompts.Count, a, b));
                }
            }

            prompts.Add(new PromptCandidates(query, distinct));
        }

        var users = new List<string>(o.Users);
        var weights = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var u = 0; u < o.Users; u++)
        {
            var id = $"dsp-u{u:D3}";
            users.Add(id);
            weights[id] = SeededSampling.Dirichlet(random, Sources.Count, o.Concentration);
        }

        var truth = new SourceMixtureGroundTruth(weights, sources, o.RewardScale, o.Temperature);
        var comparisons = SimulatedJudgements.Sample(random, users, pool, prompts, o.ComparisonsPerUser, truth);

        return new PreferenceDataset(
            "dsp", comparisons, users, prompts, new HashingFeaturizer(), truth,
            $"DSP dev ({items.Count} queries, 5 sources) with {o.Users} simulated users: Dirichlet({o.Concentration}) source " +
            $"mixtures, reward {o.RewardScale} x weight of the response's source, {o.ComparisonsPerUser} Bradley-Terry " +
            $"comparisons per user at temperature {o.Temperature}, seed {o.Seed}.");
    }

    private static List<(string Query, string[] Responses)> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: expected a JSON list.");
        }

        var items = new List<(string, string[])>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (!item.TryGetProperty("query", out var q) || q.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("responses", out var r) || r.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: item {i} lacks a string \"query\" or a \"responses\" object.");
            }

            var responses = Sources.Select(s => r.TryGetProperty(s, out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new InvalidDataException($"{path}: item {i} has no string response \"{s}\".")).ToArray();
            var query = q.GetString()!;
            if (seen.Add(query))
            {
                items.Add((query, responses));
            }

            i++;
        }

        return items;
    }
}
