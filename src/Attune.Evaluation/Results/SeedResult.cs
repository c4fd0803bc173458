namespace Attune.Evaluation.Results;

/// <summary>Everything one seed of the protocol measured.</summary>
public sealed record SeedResult
{
    /// <summary>The seed of the data, the split and the trainers.</summary>
    public required int Seed { get; init; }

    /// <summary>Method key (e.g. "attune:uncertainty", "global-bt") to answers m to metrics.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<int, CellMetrics>> Curves { get; init; }

    /// <summary>Best-of-n win rate of Attune's fitted reward (uncertainty queries) over global Bradley-Terry's pick, per m; empty without ground truth.</summary>
    public required IReadOnlyDictionary<int, double> BestOfNWinRate { get; init; }

    /// <summary>K chosen for Attune.</summary>
    public required int AttuneRank { get; init; }

    /// <summary>K chosen for the reward-features baseline.</summary>
    public required int JointRank { get; init; }

    /// <summary>The true K where the world has one (synthetic).</summary>
    public int? TrueRank { get; init; }

    /// <summary>The elbow of the spectrum, when K was chosen from it.</summary>
    public int? ElbowRank { get; init; }

    /// <summary>Singular values of the completed users x pairs matrix.</summary>
    public required IReadOnlyList<double> Spectrum { get; init; }

    /// <summary>How Attune was initialised ("Factorization" or "Random").</summary>
    public required string AttuneInitialization { get; init; }

    /// <summary>Why Attune's trainer fell back, if it did.</summary>
    public string? InitializationReason { get; init; }

    /// <summary>Number of user clusters (0 when the trainer computed none).</summary>
    public required int Clusters { get; init; }

    /// <summary>AUC of Attune's fitted weights on the training users' test-prompt comparisons (pooled).</summary>
    public required double SeenUsersAucAttune { get; init; }

    /// <summary>The same for the reward-features baseline.</summary>
    public required double SeenUsersAucJoint { get; init; }

    /// <summary>Training users.</summary>
    public required int TrainUsers { get; init; }

    /// <summary>New users scored.</summary>
    public required int NewUsers { get; init; }

    /// <summary>Training comparisons.</summary>
    public required int TrainComparisons { get; init; }

    /// <summary>New users with fewer calibration comparisons than the largest m (they answer all they have).</summary>
    public required int CappedNewUsers { get; init; }

    /// <summary>Mean number of calibration comparisons a new user could be asked.</summary>
    public required double MeanCalibrationPool { get; init; }

    /// <summary>Wall-clock seconds of Attune's training (K selection included).</summary>
    public required double AttuneSeconds { get; init; }

    /// <summary>Wall-clock seconds of the reward-features baseline's training.</summary>
    public required double JointSeconds { get; init; }

    /// <summary>The featurizer x learner methods besides today's Attune, by name (empty when none ran).</summary>
    public IReadOnlyDictionary<string, MethodFacts> Methods { get; init; } = new Dictionary<string, MethodFacts>();

    /// <summary>Wall-clock seconds of the seed.</summary>
    public required double Seconds { get; init; }

    /// <summary>The training users' weights and clusters (first seed only).</summary>
    public UserMap? Users { get; init; }
}
