using Attune.Text;

namespace Attune.Data.Synthetic;

/// <summary>
/// Builds the <c>synthetic</c> dataset: a low-rank world with known truth. Response vectors e ~ N(0, I_D / D) (so
/// ||e|| is about 1), true map V with N(0, 1) entries, user weights w_u ~ N(0, I_K / K), so the reward
/// r*_u = s w_u . V e has standard deviation about s. Pairs: every pair of responses of every prompt forms a pool shared by
/// all users; each user judges a seeded random subset of it (so pairs are answered by several users), in random a/b order,
/// with a hard label from Bradley-Terry at temperature 1 on r*. Users are "u000", ...; prompts "synthetic prompt i";
/// responses "synthetic response j" (globally numbered). Comparisons carry features_a / features_b, and the recommended
/// featurizer is a <see cref="PrecomputedFeaturizer"/> over the same vectors.
/// </summary>
public static class SyntheticWorld
{
    /// <summary>Bradley-Terry temperature of the labels; the reward scale sets how noisy they are.</summary>
    public const double Temperature = 1.0;

    /// <summary>Generates the world for <paramref name="options"/> (deterministic for its seed).</summary>
    public static PreferenceDataset Generate(SyntheticOptions? options = null)
    {
        var o = options ?? new SyntheticOptions();
        var random = new Random(o.Seed);
        int d = o.FeatureDimension, k = o.TrueRank;

        var prompts = new List<PromptCandidates>(o.Prompts);
        var responses = new Dictionary<string, (string Prompt, float[] Vector)>(StringComparer.Ordinal);
        var byResponse = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var p = 0; p < o.Prompts; p++)
        {
            var prompt = $"synthetic prompt {p}";
            var texts = new string[o.ResponsesPerPrompt];
            for (var j = 0; j < texts.Length; j++)
            {
                texts[j] = $"synthetic response {(p * o.ResponsesPerPrompt) + j}";
                var vector = new float[d];
                for (var i = 0; i < d; i++)
                {
                    vector[i] = (float)(SeededSampling.Normal(random) / Math.Sqrt(d));
                }

                responses[texts[j]] = (prompt, vector);
                byResponse[texts[j]] = vector;
            }

            prompts.Add(new PromptCandidates(prompt, texts));
        }

        var trueMap = new double[k * d];
        for (var i = 0; i < trueMap.Length; i++)
        {
            trueMap[i] = SeededSampling.Normal(random);
        }

        var users = new List<string>(o.Users);
        var weights = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var u = 0; u < o.Users; u++)
        {
            var id = $"u{u:D3}";
            users.Add(id);
            weights[id] = Enumerable.Range(0, k).Select(_ => SeededSampling.Normal(random) / Math.Sqrt(k)).ToArray();
        }

        var truth = new SyntheticGroundTruth(k, d, trueMap, weights, responses, o.RewardScale, Temperature);
        var pool = new List<(int Prompt, int A, int B)>();
        for (var p = 0; p < o.Prompts; p++)
        {
            for (var a = 0; a < o.ResponsesPerPrompt; a++)
            {
                for (var b = a + 1; b < o.ResponsesPerPrompt; b++)
                {
                    pool.Add((p, a, b));
                }
            }
        }

        var comparisons = SimulatedJudgements.Sample(random, users, pool, prompts, o.ComparisonsPerUser, truth)
            .Select(c => c with { FeaturesA = byResponse[c.ResponseA], FeaturesB = byResponse[c.ResponseB] })
            .ToList();

        return new PreferenceDataset(
            "synthetic",
            comparisons,
            users,
            prompts,
            new PrecomputedFeaturizer(d, byResponse, source: $"synthetic:seed={o.Seed}"),
            truth,
            $"Synthetic low-rank world (seed {o.Seed}): {o.Users} users, {o.Prompts} prompts x {o.ResponsesPerPrompt} responses, " +
            $"D = {d}, K_true = {k}, reward scale {o.RewardScale}, {o.ComparisonsPerUser} Bradley-Terry comparisons per user " +
            "from a shared pool of pairs.");
    }
}
