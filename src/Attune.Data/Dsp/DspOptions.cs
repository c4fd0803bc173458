namespace Attune.Data.Dsp;

/// <summary>Settings of the <c>dsp</c> dataset (users simulated as mixtures of the five DSP sources).</summary>
public sealed record DspOptions
{
    /// <summary>Checks every range.</summary>
    /// <param name="seed">Seed of every draw. Default 0.</param>
    /// <param name="users">Simulated users (&gt;= 1). Default 100.</param>
    /// <param name="concentration">Symmetric Dirichlet alpha of a user's source weights (&gt; 0). Default 0.3: most users lean on one or two sources.</param>
    /// <param name="rewardScale">s in r*_u(y) = s * w_u[source(y)] (&gt; 0). Default 4.</param>
    /// <param name="comparisonsPerUser">Pairs each user judges, from the pool of all pairs of a query's responses (&gt;= 1). Default 100.</param>
    /// <param name="temperature">Bradley-Terry temperature (&gt; 0). Default 1.</param>
    /// <param name="dataRoot">The shared data folder; null: <see cref="SharedDataLocator"/>.</param>
    public DspOptions(
        int seed = 0,
        int users = 100,
        double concentration = 0.3,
        double rewardScale = 4.0,
        int comparisonsPerUser = 100,
        double temperature = 1.0,
        string? dataRoot = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(comparisonsPerUser, 1);
        Positive(concentration, nameof(concentration));
        Positive(rewardScale, nameof(rewardScale));
        Positive(temperature, nameof(temperature));
        Seed = seed;
        Users = users;
        Concentration = concentration;
        RewardScale = rewardScale;
        ComparisonsPerUser = comparisonsPerUser;
        Temperature = temperature;
        DataRoot = dataRoot;
    }

    /// <summary>Seed of every draw.</summary>
    public int Seed { get; }

    /// <summary>Simulated users.</summary>
    public int Users { get; }

    /// <summary>Dirichlet concentration alpha.</summary>
    public double Concentration { get; }

    /// <summary>Reward scale s.</summary>
    public double RewardScale { get; }

    /// <summary>Pairs each user judges.</summary>
    public int ComparisonsPerUser { get; }

    /// <summary>Bradley-Terry temperature.</summary>
    public double Temperature { get; }

    /// <summary>Shared data folder, or null to locate it.</summary>
    public string? DataRoot { get; }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0.");
        }
    }
}
