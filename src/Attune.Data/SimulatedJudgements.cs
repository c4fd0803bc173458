namespace Attune.Data;

/// <summary>
/// Labels for the simulated worlds (synthetic, styles, dsp): each user judges a seeded sample of the pair pool, each pair
/// shown in a random order, with a label drawn from Bradley-Terry on the ground-truth rewards.
/// </summary>
internal static class SimulatedJudgements
{
    /// <summary>
    /// For each user in order: <paramref name="perUser"/> distinct pairs of <paramref name="pool"/> (all when fewer), each
    /// flipped with probability 1/2, labelled by <see cref="BradleyTerry.SampleLabel"/> at the ground truth's temperature. The
    /// pool holds pairs as (prompt index into the prompts, response index a, response index b).
    /// </summary>
    public static List<Comparison> Sample(
        Random random,
        IEnumerable<string> users,
        IReadOnlyList<(int Prompt, int A, int B)> pool,
        IReadOnlyList<PromptCandidates> prompts,
        int perUser,
        IGroundTruth truth)
    {
        var comparisons = new List<Comparison>();
        foreach (var user in users)
        {
            foreach (var index in SeededSampling.Sample(random, pool.Count, perUser))
            {
                var (p, a, b) = pool[index];
                if (random.Next(2) == 1)
                {
                    (a, b) = (b, a);
                }

                var prompt = prompts[p].Prompt;
                string ra = prompts[p].Responses[a], rb = prompts[p].Responses[b];
                var label = BradleyTerry.SampleLabel(
                    random, truth.Reward(user, prompt, ra), truth.Reward(user, prompt, rb), truth.Temperature);
                comparisons.Add(new Comparison(user, prompt, ra, rb, label));
            }
        }

        return comparisons;
    }
}
