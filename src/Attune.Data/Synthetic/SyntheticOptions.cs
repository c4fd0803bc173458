namespace Attune.Data.Synthetic;

/// <summary>Settings of the <c>synthetic</c> low-rank world; ranges are checked on construction.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Checks every range.</summary>
    /// <param name="seed">Seed of every draw. Default 0.</param>
    /// <param name="users">Number of users (&gt;= 1). Default 120.</param>
    /// <param name="prompts">Number of prompts (&gt;= 1). Default 64.</param>
    /// <param name="responsesPerPrompt">Responses per prompt (&gt;= 2). Default 6, so 15 pairs per prompt.</param>
    /// <param name="featureDimension">D, length of the response vectors e(x, y) (&gt;= 1). Default 32.</param>
    /// <param name="trueRank">K_true, rows of the true map V (1..D). Default 4.</param>
    /// <param name="comparisonsPerUser">Pairs each user judges, drawn from the shared pool of all pairs (&gt;= 1). Default 60.</param>
    /// <param name="rewardScale">Standard deviation of the true reward over responses (&gt; 0). Default 2.</param>
    public SyntheticOptions(
        int seed = 0,
        int users = 120,
        int prompts = 64,
        int responsesPerPrompt = 6,
        int featureDimension = 32,
        int trueRank = 4,
        int comparisonsPerUser = 60,
        double rewardScale = 2.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(prompts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(responsesPerPrompt, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureDimension, 1);
        if (trueRank < 1 || trueRank > featureDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(trueRank), trueRank, $"trueRank must be in [1, featureDimension = {featureDimension}].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(comparisonsPerUser, 1);
        if (!double.IsFinite(rewardScale) || rewardScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rewardScale), rewardScale, "rewardScale must be > 0.");
        }

        Seed = seed;
        Users = users;
        Prompts = prompts;
        ResponsesPerPrompt = responsesPerPrompt;
        FeatureDimension = featureDimension;
        TrueRank = trueRank;
        ComparisonsPerUser = comparisonsPerUser;
        RewardScale = rewardScale;
    }

    /// <summary>Seed of every draw.</summary>
    public int Seed { get; }

    /// <summary>Number of users.</summary>
    public int Users { get; }

    /// <summary>Number of prompts.</summary>
    public int Prompts { get; }

    /// <summary>Responses per prompt.</summary>
    public int ResponsesPerPrompt { get; }

    /// <summary>D, the length of e(x, y).</summary>
    public int FeatureDimension { get; }

    /// <summary>K_true, the rank of the true reward.</summary>
    public int TrueRank { get; }

    /// <summary>Pairs each user judges.</summary>
    public int ComparisonsPerUser { get; }

    /// <summary>Standard deviation of the true reward.</summary>
    public double RewardScale { get; }
}
