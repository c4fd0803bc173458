using Attune.Text.Hashing;

namespace Attune.Data.Styles;

/// <summary>
/// Builds the <c>styles</c> dataset, Attune's analogue of PReF's "Attributes" world. For each prompt,
/// <see cref="StylesOptions.ResponsesPerPrompt"/> responses get attribute levels drawn uniformly from {-1, 0, 1}^7 and are
/// rendered by <see cref="StylesResponseGenerator"/> (re-drawn until the text is new for the prompt). A pool of
/// <see cref="StylesOptions.PairsPerPrompt"/> random pairs per prompt is shared by all users; each user
/// (<see cref="StylesUser.All"/>, 84 by default) judges a seeded subset in random a/b order with a hard Bradley-Terry label
/// at temperature T on the exact reward (<see cref="StylesGroundTruth"/>). The hashing featurizer is recommended.
/// </summary>
public static class StylesWorld
{
    /// <summary>Generates the world (deterministic for the seed).</summary>
    public static PreferenceDataset Generate(StylesOptions? options = null)
    {
        var o = options ?? new StylesOptions();
        var random = new Random(o.Seed);
        var prompts = new List<PromptCandidates>(o.Prompts);
        var levels = new Dictionary<(string, string), int[]>();
        var pool = new List<(int Prompt, int A, int B)>();
        for (var p = 0; p < o.Prompts; p++)
        {
            var prompt = StylesResponseGenerator.Prompts[p];
            var texts = new List<string>(o.ResponsesPerPrompt);
            while (texts.Count < o.ResponsesPerPrompt)
            {
                var l = Enumerable.Range(0, StyleDirections.AttributeCount).Select(_ => random.Next(3) - 1).ToArray();
                var text = StylesResponseGenerator.Render(p, l, random);
                if (levels.TryAdd((prompt, text), l))
                {
                    texts.Add(text);
                }
            }

            var pairs = new List<(int, int)>();
            for (var a = 0; a < texts.Count; a++)
            {
                for (var b = a + 1; b < texts.Count; b++)
                {
                    pairs.Add((a, b));
                }
            }

            foreach (var i in SeededSampling.Sample(random, pairs.Count, o.PairsPerPrompt))
            {
                pool.Add((p, pairs[i].Item1, pairs[i].Item2));
            }

            prompts.Add(new PromptCandidates(prompt, texts));
        }

        var users = StylesUser.All().ToList();
        if (o.Users is { } keep)
        {
            users = SeededSampling.Sample(random, users.Count, keep).Order().Select(i => users[i]).ToList();
        }

        var truth = new StylesGroundTruth(users, levels, o.Temperature);
        var comparisons = SimulatedJudgements.Sample(
            random, users.Select(u => u.Id), pool, prompts, o.ComparisonsPerUser, truth);

        return new PreferenceDataset(
            "styles",
            comparisons,
            users.Select(u => u.Id).ToList(),
            prompts,
            new HashingFeaturizer(),
            truth,
            $"Styles world (seed {o.Seed}): {o.Prompts} prompts x {o.ResponsesPerPrompt} generated responses with attribute " +
            $"levels in {{-1,0,1}}^7, {users.Count} users preferring two directions of two attributes, " +
            $"{o.ComparisonsPerUser} Bradley-Terry comparisons per user (T = {o.Temperature}) from a pool of " +
            $"{o.PairsPerPrompt} pairs per prompt.");
    }
}
