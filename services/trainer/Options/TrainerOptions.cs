using System.Globalization;
using Attune.Trainer.Training;

namespace Attune.Trainer.Options;

/// <summary>
/// The trainer's settings, bound from the <c>Trainer</c> section (environment variables <c>Trainer__MinComparisons</c>, ...)
/// and checked at start-up by <see cref="Validate"/>, whose messages name the key to fix. Defaults suit a demo.
/// </summary>
public sealed class TrainerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Trainer";

    /// <summary>Both retraining conditions must hold.</summary>
    public const string RuleAll = "all";

    /// <summary>Either retraining condition suffices.</summary>
    public const string RuleAny = "any";

    /// <summary>Fewest stored comparisons a training job needs (default 100); fewer fail StartTraining with FAILED_PRECONDITION.</summary>
    public int MinComparisons { get; set; } = 100;

    /// <summary>Fewest distinct users a training job needs (default 2).</summary>
    public int MinUsers { get; set; } = 2;

    /// <summary>Whether new feedback starts a training job by itself (default true).</summary>
    public bool AutoRetrain { get; set; } = true;

    /// <summary>New comparisons since the model in force that call for retraining (default 200; 0 disables this condition).</summary>
    public int RetrainMinNewComparisons { get; set; } = 200;

    /// <summary>
    /// New comparisons as a fraction of the model in force's training set that call for retraining (default 0.1; 0
    /// disables this condition). With no model yet the fraction counts as met.
    /// </summary>
    public double RetrainMinNewFraction { get; set; } = 0.1;

    /// <summary><c>all</c> (default): both conditions; <c>any</c>: either.</summary>
    public string RetrainRule { get; set; } = RuleAll;

    /// <summary>How long new feedback is collected before the thresholds are checked (default 5 s).</summary>
    public TimeSpan RetrainDebounce { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest K tried when a request leaves K to the spectrum (default 8, at most 64).</summary>
    public int MaxAutoRank { get; set; } = 8;

    /// <summary>
    /// Largest share of a training set one user's comparisons may take (default 0.2); beyond it the user's newest
    /// comparisons are kept, so one user's flood cannot reshape everyone's basis. 1 turns the cap off.
    /// </summary>
    public double MaxUserShare { get; set; } = 0.2;

    /// <summary>
    /// e(x, y) the basis is trained on: <c>hashing</c> (default), <c>minilm</c> (the in-process MiniLM encoder),
    /// <c>composite</c> (MiniLM and hashing concatenated, scales 1 and 1), or a full featurizer description
    /// (<c>hashing:v1:...</c>, <c>minilm:v1:...</c>, <c>composite:v1:...</c>, see docs/featurizers.md). The model records
    /// the resolved description. The defaults (hashing, linear) are what the dev seeds of dsp, hh and a third of hh
    /// supported: no other combination was ahead by more than noise at every m (docs/evaluation.md, "Featurizer x learner
    /// methods").
    /// </summary>
    public string Featurizer { get; set; } = TrainerFeaturizers.Hashing;

    /// <summary><c>linear</c> (default): PReF's V e; <c>neural</c>: V e + U tanh(H e + b) trained from it with TorchSharp.</summary>
    public string Learner { get; set; } = TrainerFeaturizers.Linear;

    /// <summary>ONNX Runtime intra-op threads of the MiniLM encoder (default 1).</summary>
    public int EncoderThreads { get; set; } = 1;

    /// <summary>Folder of the encoder's disk cache (texts encoded once across jobs and restarts); empty: memory only.</summary>
    public string? EncoderCacheDirectory { get; set; }

    /// <summary>torch threads of the neural learner on the CPU (default 1: more were slower on small machines).</summary>
    public int NeuralThreads { get; set; } = 1;

    /// <summary>Whether <see cref="Learner"/> is <c>neural</c>.</summary>
    public bool IsNeural => Learner.Trim().Equals(TrainerFeaturizers.Neural, StringComparison.OrdinalIgnoreCase);

    /// <summary>The promotion gate (<c>Trainer:Gate</c>).</summary>
    public Gate.GateOptions Gate { get; set; } = new();

    /// <summary>Whether the two retraining conditions combine with OR.</summary>
    public bool RetrainOnAny => RetrainRule.Trim().Equals(RuleAny, StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        Check(MinComparisons >= 1, nameof(MinComparisons), MinComparisons, ">= 1");
        Check(MinUsers >= 1, nameof(MinUsers), MinUsers, ">= 1");
        Check(RetrainMinNewComparisons >= 0, nameof(RetrainMinNewComparisons), RetrainMinNewComparisons, ">= 0");
        Check(double.IsFinite(RetrainMinNewFraction) && RetrainMinNewFraction >= 0, nameof(RetrainMinNewFraction), RetrainMinNewFraction, "finite and >= 0");
        Check(RetrainMinNewComparisons > 0 || RetrainMinNewFraction > 0 || !AutoRetrain, nameof(RetrainMinNewComparisons),
            RetrainMinNewComparisons, "> 0 when Trainer:RetrainMinNewFraction is 0 and Trainer:AutoRetrain is true (or retraining would never stop)");
        var rule = RetrainRule?.Trim().ToLowerInvariant();
        Check(rule is RuleAll or RuleAny, nameof(RetrainRule), RetrainRule, $"'{RuleAll}' or '{RuleAny}'");
        Check(RetrainDebounce >= TimeSpan.Zero && RetrainDebounce <= TimeSpan.FromHours(1), nameof(RetrainDebounce), RetrainDebounce, "between 00:00:00 and 01:00:00");
        Check(MaxAutoRank is >= 1 and <= 64, nameof(MaxAutoRank), MaxAutoRank, "between 1 and 64");
        Check(MaxUserShare is > 0 and <= 1, nameof(MaxUserShare), MaxUserShare, "in (0, 1]");
        Check(TrainerFeaturizers.IsKnown(Featurizer), nameof(Featurizer), Featurizer,
            $"'{TrainerFeaturizers.Hashing}', '{TrainerFeaturizers.MiniLm}', '{TrainerFeaturizers.Composite}' or a featurizer description (hashing:v1:..., minilm:v1:..., composite:v1:...)");
        var learner = Learner?.Trim().ToLowerInvariant();
        Check(learner is TrainerFeaturizers.Linear or TrainerFeaturizers.Neural, nameof(Learner), Learner, $"'{TrainerFeaturizers.Linear}' or '{TrainerFeaturizers.Neural}'");
        Check(EncoderThreads >= 1, nameof(EncoderThreads), EncoderThreads, ">= 1");
        Check(NeuralThreads >= 1, nameof(NeuralThreads), NeuralThreads, ">= 1");
        Gate.Validate();
    }

    private static void Check(bool ok, string key, object? value, string rule)
    {
        if (!ok)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Configuration '{Section}:{key}' (environment variable '{Section}__{key}') must be {rule}; got '{value}'."));
        }
    }
}
