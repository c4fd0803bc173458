namespace Attune.Data.Styles;

/// <summary>Settings of the <c>styles</c> world; ranges are checked on construction.</summary>
public sealed record StylesOptions
{
    /// <summary>Checks every range.</summary>
    /// <param name="seed">Seed of every draw. Default 0.</param>
    /// <param name="prompts">Prompts used, the first n of <see cref="StylesResponseGenerator.Prompts"/> (1..104). Default 100.</param>
    /// <param name="responsesPerPrompt">Responses generated per prompt (&gt;= 2). Default 16.</param>
    /// <param name="pairsPerPrompt">Pairs per prompt in the pool shared by all users (&gt;= 1, at most n(n-1)/2). Default 20.</param>
    /// <param name="comparisonsPerUser">Pairs each user judges, from the pool (&gt;= 1). Default 100.</param>
    /// <param name="users">How many of the 84 users, a seeded subset (1..84); null: all. Default null.</param>
    /// <param name="temperature">Bradley-Terry temperature T on the reward in [-2, 2] (&gt; 0). Default 0.5: a one-level difference is preferred 88% of the time.</param>
    public StylesOptions(
        int seed = 0,
        int prompts = 100,
        int responsesPerPrompt = 16,
        int pairsPerPrompt = 20,
        int comparisonsPerUser = 100,
        int? users = null,
        double temperature = 0.5)
    {
        if (prompts < 1 || prompts > StylesResponseGenerator.Prompts.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(prompts), prompts, $"prompts must be in [1, {StylesResponseGenerator.Prompts.Count}].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(responsesPerPrompt, 2);
        var maxPairs = responsesPerPrompt * (responsesPerPrompt - 1) / 2;
        if (pairsPerPrompt < 1 || pairsPerPrompt > maxPairs)
        {
            throw new ArgumentOutOfRangeException(nameof(pairsPerPrompt), pairsPerPrompt, $"pairsPerPrompt must be in [1, {maxPairs}].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(comparisonsPerUser, 1);
        if (users is < 1 or > 84)
        {
            throw new ArgumentOutOfRangeException(nameof(users), users, "users must be in [1, 84].");
        }

        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0.");
        }

        Seed = seed;
        Prompts = prompts;
        ResponsesPerPrompt = responsesPerPrompt;
        PairsPerPrompt = pairsPerPrompt;
        ComparisonsPerUser = comparisonsPerUser;
        Users = users;
        Temperature = temperature;
    }

    /// <summary>Seed of every draw.</summary>
    public int Seed { get; }

    /// <summary>Prompts used.</summary>
    public int Prompts { get; }

    /// <summary>Responses per prompt.</summary>
    public int ResponsesPerPrompt { get; }

    /// <summary>Pool pairs per prompt.</summary>
    public int PairsPerPrompt { get; }

    /// <summary>Pairs each user judges.</summary>
    public int ComparisonsPerUser { get; }

    /// <summary>Users kept (null: all 84).</summary>
    public int? Users { get; }

    /// <summary>Bradley-Terry temperature.</summary>
    public double Temperature { get; }
}
