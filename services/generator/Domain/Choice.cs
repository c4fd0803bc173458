using Attune.Contracts.V1;

namespace Attune.Generator.Domain;

/// <summary>Arg-max picks over scored candidates (first index on ties).</summary>
public static class Choice
{
    /// <summary>Index of the highest personalized reward.</summary>
    public static int ByReward(IReadOnlyList<Candidate> candidates) => ArgMax(candidates, c => c.Reward);

    /// <summary>Index of the highest population (non-personalized) reward.</summary>
    public static int ByPopulation(IReadOnlyList<Candidate> candidates) => ArgMax(candidates, c => c.PopulationReward);

    private static int ArgMax(IReadOnlyList<Candidate> candidates, Func<Candidate, double> value)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate is needed.", nameof(candidates));
        }

        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            if (value(candidates[i]) > value(candidates[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
