using System.Globalization;

namespace Attune.Ml.Torch.Training;

/// <summary>
/// Settings of <see cref="NeuralPrefTrainer"/>, range-checked when set. Strengths follow PrefTrainer's convention (they
/// multiply sums over comparisons; see <see cref="Objectives.NeuralPrefObjective"/>).
/// </summary>
public sealed class NeuralTrainingOptions
{
    private int _hidden = 64;
    private double _hScale = 1.0;
    private double _learningRate = 1e-3;
    private int _batchSize = 256;
    private int _maxEpochs = 50;
    private int _patience = 3;
    private double _lambdaW = 1.0;
    private double _lambdaTheta = 1.0;
    private double _validationFraction = 0.1;
    private int _threads = 1;
    private double _priorShrinkage = 0.1;

    /// <summary>h, hidden units of the residual MLP (default 64).</summary>
    public int Hidden { get => _hidden; init => _hidden = Positive(value, nameof(Hidden)); }

    /// <summary>H starts N(0, HScale^2 / D) (default 1: pre-activations of unit scale for unit-scale embeddings).</summary>
    public double HScale { get => _hScale; init => _hScale = value > 0 && double.IsFinite(value) ? value : throw Range(nameof(HScale), value, "> 0"); }

    /// <summary>Adam's step size (default 1e-3).</summary>
    public double LearningRate { get => _learningRate; init => _learningRate = value > 0 && double.IsFinite(value) ? value : throw Range(nameof(LearningRate), value, "> 0"); }

    /// <summary>Comparisons per mini-batch (default 256).</summary>
    public int BatchSize { get => _batchSize; init => _batchSize = Positive(value, nameof(BatchSize)); }

    /// <summary>Passes over the training comparisons at most (default 50); 0 trains nothing and returns the start.</summary>
    public int MaxEpochs { get => _maxEpochs; init => _maxEpochs = value >= 0 ? value : throw Range(nameof(MaxEpochs), value, ">= 0"); }

    /// <summary>Epochs without a lower validation loss before stopping (default 3).</summary>
    public int Patience { get => _patience; init => _patience = Positive(value, nameof(Patience)); }

    /// <summary>lambda_w >= 0 on W (default 1, as PrefTrainer's).</summary>
    public double LambdaW { get => _lambdaW; init => _lambdaW = NonNegative(value, nameof(LambdaW)); }

    /// <summary>lambda_theta >= 0, weight decay on V, H and U (default 1, as PrefTrainer's lambda_v).</summary>
    public double LambdaTheta { get => _lambdaTheta; init => _lambdaTheta = NonNegative(value, nameof(LambdaTheta)); }

    /// <summary>Held-out fraction in [0, 0.5) (default 0.1); with the linear run's seed it holds out the same comparisons.</summary>
    public double ValidationFraction { get => _validationFraction; init => _validationFraction = value >= 0 && value < 0.5 ? value : throw Range(nameof(ValidationFraction), value, "in [0, 0.5)"); }

    /// <summary>Seed of the split, H's draw (torch.manual_seed) and the batch order.</summary>
    public int Seed { get; init; }

    /// <summary>Where to train (default: CUDA when available, else the CPU).</summary>
    public TorchDevicePreference Device { get; init; } = TorchDevicePreference.Auto;

    /// <summary>torch intra-op threads on the CPU (default 1).</summary>
    public int Threads { get => _threads; init => _threads = Positive(value, nameof(Threads)); }

    /// <summary>Shrinkage in [0, 1] of the new-user prior fitted to the trained W (default 0.1).</summary>
    public double PriorShrinkage { get => _priorShrinkage; init => _priorShrinkage = value >= 0 && value <= 1 ? value : throw Range(nameof(PriorShrinkage), value, "in [0, 1]"); }

    internal Dictionary<string, string> Describe() => new()
    {
        ["neural_hidden"] = Invariant(Hidden),
        ["neural_activation"] = Attune.Ml.Models.ResidualBasis.ActivationName,
        ["neural_h_scale"] = Invariant(HScale),
        ["neural_learning_rate"] = Invariant(LearningRate),
        ["neural_batch_size"] = Invariant(BatchSize),
        ["neural_max_epochs"] = Invariant(MaxEpochs),
        ["neural_patience"] = Invariant(Patience),
        ["neural_lambda_w"] = Invariant(LambdaW),
        ["neural_lambda_theta"] = Invariant(LambdaTheta),
        ["neural_validation_fraction"] = Invariant(ValidationFraction),
        ["neural_seed"] = Invariant(Seed),
    };

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static int Positive(int value, string name) => value >= 1 ? value : throw Range(name, value, ">= 1");

    private static double NonNegative(double value, string name) => value >= 0 && double.IsFinite(value) ? value : throw Range(name, value, "finite and >= 0");

    private static ArgumentOutOfRangeException Range(string name, object value, string rule) =>
        new(name, value, $"{name} must be {rule}; got {value}.");
}
