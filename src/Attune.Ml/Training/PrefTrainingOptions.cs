namespace Attune.Ml.Training;

/// <summary>
/// Settings of <see cref="PrefTrainer"/>; every value is range-checked when set, so a bad value fails at construction.
/// Regularisation strengths multiply sums over comparisons (not means): J = sum_i BCE_i + lambda_w/2 ||W||^2 + lambda_v/2 ||V||^2.
/// </summary>
public sealed class PrefTrainingOptions
{
    private int? _rank;
    private int _maxRank = 8;
    private float _lambdaV = 1f;
    private float _lambdaW = 1f;
    private float _ridgeLambda = 1f;
    private double _completionShrinkage = 1.0;
    private double _validationFraction = 0.1;
    private int _maxOuterIterations = 30;
    private int _vStepIterations = 5;
    private int _jointMaxIterations = 400;
    private int _evaluationInterval = 10;
    private int _patience = 3;
    private int _fallbackRank = 4;
    private double _priorShrinkage = 0.1;
    private int _minClusters = 2;
    private int _maxClusters = 8;

    /// <summary>PReF (default) or the joint-gradient baseline.</summary>
    public PrefMethod Method { get; init; } = PrefMethod.Alternating;

    /// <summary>Fixed K, or null to choose K from the spectrum and validation.</summary>
    public int? Rank { get => _rank; init => _rank = value is null ? null : Positive(value.Value, nameof(Rank)); }

    /// <summary>Largest K considered when choosing K (default 8).</summary>
    public int MaxRank { get => _maxRank; init => _maxRank = Positive(value, nameof(MaxRank)); }

    /// <summary>lambda_v >= 0 (default 1).</summary>
    public float LambdaV { get => _lambdaV; init => _lambdaV = NonNegative(value, nameof(LambdaV)); }

    /// <summary>lambda_w >= 0 (default 1).</summary>
    public float LambdaW { get => _lambdaW; init => _lambdaW = NonNegative(value, nameof(LambdaW)); }

    /// <summary>Ridge strength &gt; 0 of the regression of pair factors on d that initialises V (default 1).</summary>
    public float RidgeLambda { get => _ridgeLambda; init => _ridgeLambda = value > 0 && float.IsFinite(value) ? value : throw Range(nameof(RidgeLambda), value, "> 0"); }

    /// <summary>Multiplier &gt; 0 of the noise-level nuclear-norm penalty of the completion (default 1).</summary>
    public double CompletionShrinkage { get => _completionShrinkage; init => _completionShrinkage = value > 0 && double.IsFinite(value) ? value : throw Range(nameof(CompletionShrinkage), value, "> 0"); }

    /// <summary>Fraction of comparisons held out for early stopping and choosing K, in [0, 0.5) (default 0.1).</summary>
    public double ValidationFraction { get => _validationFraction; init => _validationFraction = value >= 0 && value < 0.5 ? value : throw Range(nameof(ValidationFraction), value, "in [0, 0.5)"); }

    /// <summary>Alternating rounds at most (default 30).</summary>
    public int MaxOuterIterations { get => _maxOuterIterations; init => _maxOuterIterations = Positive(value, nameof(MaxOuterIterations)); }

    /// <summary>L-BFGS iterations on the V block per round (default 5).</summary>
    public int VStepIterations { get => _vStepIterations; init => _vStepIterations = Positive(value, nameof(VStepIterations)); }

    /// <summary>L-BFGS iterations at most for the joint baseline (default 400).</summary>
    public int JointMaxIterations { get => _jointMaxIterations; init => _jointMaxIterations = Positive(value, nameof(JointMaxIterations)); }

    /// <summary>Joint L-BFGS iterations between validation checks (default 10).</summary>
    public int EvaluationInterval { get => _evaluationInterval; init => _evaluationInterval = Positive(value, nameof(EvaluationInterval)); }

    /// <summary>Validation checks without improvement before stopping (default 3).</summary>
    public int Patience { get => _patience; init => _patience = Positive(value, nameof(Patience)); }

    /// <summary>K used when the matrix has nothing to factor and no Rank is given (default 4, capped by the data).</summary>
    public int FallbackRank { get => _fallbackRank; init => _fallbackRank = Positive(value, nameof(FallbackRank)); }

    /// <summary>Shrinkage in [0, 1] of the new-user prior covariance towards a scaled identity (default 0.1).</summary>
    public double PriorShrinkage { get => _priorShrinkage; init => _priorShrinkage = value >= 0 && value <= 1 ? value : throw Range(nameof(PriorShrinkage), value, "in [0, 1]"); }

    /// <summary>Whether to cluster users after training (default true; skipped with fewer than 4 users).</summary>
    public bool ComputeClusters { get; init; } = true;

    /// <summary>Smallest number of clusters tried, >= 2 (default 2).</summary>
    public int MinClusters { get => _minClusters; init => _minClusters = value >= 2 ? value : throw Range(nameof(MinClusters), value, ">= 2"); }

    /// <summary>Largest number of clusters tried (default 8; must be >= MinClusters when training).</summary>
    public int MaxClusters { get => _maxClusters; init => _maxClusters = value >= 2 ? value : throw Range(nameof(MaxClusters), value, ">= 2"); }

    /// <summary>Seed of every random choice (split, initialisation, k-means++).</summary>
    public int Seed { get; init; }

    /// <summary>Description of the featurizer, copied into the model file.</summary>
    public string Featurizer { get; init; } = string.Empty;

    internal Dictionary<string, string> Describe() => new()
    {
        ["method"] = Method.ToString(),
        ["rank"] = Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto",
        ["max_rank"] = Invariant(MaxRank),
        ["lambda_v"] = Invariant(LambdaV),
        ["lambda_w"] = Invariant(LambdaW),
        ["ridge_lambda"] = Invariant(RidgeLambda),
        ["completion_shrinkage"] = Invariant(CompletionShrinkage),
        ["validation_fraction"] = Invariant(ValidationFraction),
        ["max_outer_iterations"] = Invariant(MaxOuterIterations),
        ["v_step_iterations"] = Invariant(VStepIterations),
        ["joint_max_iterations"] = Invariant(JointMaxIterations),
        ["patience"] = Invariant(Patience),
        ["prior_shrinkage"] = Invariant(PriorShrinkage),
        ["seed"] = Invariant(Seed),
    };

    private static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    private static int Positive(int value, string name) => value >= 1 ? value : throw Range(name, value, ">= 1");

    private static float NonNegative(float value, string name) => value >= 0 && float.IsFinite(value) ? value : throw Range(name, value, "finite and >= 0");

    private static ArgumentOutOfRangeException Range(string name, object value, string rule) =>
        new(name, value, $"{name} must be {rule}; got {value}.");
}
