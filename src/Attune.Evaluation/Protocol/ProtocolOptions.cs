using Attune.Evaluation.Methods;
using Attune.Ml.Torch.Training;
using Attune.Ml.Training;

namespace Attune.Evaluation.Protocol;

/// <summary>Settings of the evaluation protocol; ranges are checked when set.</summary>
public sealed class ProtocolOptions
{
    private IReadOnlyList<int> _answerCounts = [0, 5, 10, 15, 20, 40];
    private double _newUserFraction = 0.2;
    private double _calibrationFraction = 0.3;
    private double _testFraction = 0.2;
    private int _simulatedUsersPerType = 20;
    private int _simulatedPoolSize = 60;
    private int _simulatedTestSize = 100;
    private float _logisticLambda = 1f;

    /// <summary>The numbers m of answered calibration questions scored, ascending, starting at 0 (default 0, 5, 10, 15, 20, 40).</summary>
    public IReadOnlyList<int> AnswerCounts
    {
        get => _answerCounts;
        init => _answerCounts = value is { Count: > 0 } && value[0] >= 0 && value.Zip(value.Skip(1)).All(p => p.First < p.Second)
            ? value.ToArray()
            : throw new ArgumentOutOfRangeException(nameof(AnswerCounts), "AnswerCounts must be non-empty, >= 0 and strictly ascending.");
    }

    /// <summary>Share of users held out as new users (default 0.2).</summary>
    public double NewUserFraction { get => _newUserFraction; init => _newUserFraction = Fraction(value, nameof(NewUserFraction)); }

    /// <summary>Share of prompts whose comparisons are calibration questions (default 0.3).</summary>
    public double CalibrationFraction { get => _calibrationFraction; init => _calibrationFraction = Fraction(value, nameof(CalibrationFraction)); }

    /// <summary>Share of prompts whose comparisons are scored (default 0.2).</summary>
    public double TestFraction { get => _testFraction; init => _testFraction = Fraction(value, nameof(TestFraction)); }

    /// <summary>
    /// Below this many users the dataset cannot spare new users (hh has 2): every user trains, and new users are simulated
    /// by resampling each user's calibration and test comparisons (default 10).
    /// </summary>
    public int SimulationThreshold { get; init; } = 10;

    /// <summary>Simulated new users per original user in that mode (default 20).</summary>
    public int SimulatedUsersPerType { get => _simulatedUsersPerType; init => _simulatedUsersPerType = Positive(value, nameof(SimulatedUsersPerType)); }

    /// <summary>Calibration comparisons drawn for each simulated new user (default 60).</summary>
    public int SimulatedPoolSize { get => _simulatedPoolSize; init => _simulatedPoolSize = Positive(value, nameof(SimulatedPoolSize)); }

    /// <summary>Test comparisons drawn for each simulated new user (default 100).</summary>
    public int SimulatedTestSize { get => _simulatedTestSize; init => _simulatedTestSize = Positive(value, nameof(SimulatedTestSize)); }

    /// <summary>L2 strength of the global Bradley-Terry and per-user logistic baselines (default 1).</summary>
    public float LogisticLambda { get => _logisticLambda; init => _logisticLambda = value >= 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LogisticLambda), value, "LogisticLambda must be >= 0."); }

    /// <summary>Settings of Attune's trainer (the seed is replaced by the protocol seed); K chosen automatically by default.</summary>
    public PrefTrainingOptions Trainer { get; init; } = new();

    /// <summary>Trainer seeds of the initialisation study (SVD vs random init on the data of the first seed); 0 skips it.</summary>
    public int InitStudySeeds { get; init; }

    /// <summary>Which questions new users can be asked (default: any calibration-prompt pair, answered by the ground truth).</summary>
    public NewUserQuestions Questions { get; init; } = NewUserQuestions.AnyCalibrationPair;

    /// <summary>How Attune's and reward features' fitted posteriors score test comparisons (default: posterior mean).</summary>
    public NewUserScoring Scoring { get; init; } = NewUserScoring.PosteriorMean;

    /// <summary>The methods to run besides the ones that always run (<see cref="EvaluationMethods"/>; default: every one).</summary>
    public IReadOnlySet<string> Methods { get; init; } = EvaluationMethods.All;

    /// <summary>Settings of the neural methods' trainer (the seed is replaced by the protocol seed); defaults of NeuralTrainingOptions, one CPU thread.</summary>
    public NeuralTrainingOptions Neural { get; init; } = new() { Device = TorchDevicePreference.Cpu, Threads = 1 };

    /// <summary>The largest m.</summary>
    public int MaxAnswers => AnswerCounts[^1];

    private static double Fraction(double value, string name) =>
        value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in (0, 1).");

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1.");
}
