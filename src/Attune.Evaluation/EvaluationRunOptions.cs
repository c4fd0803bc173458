using Attune.Evaluation.Protocol;

namespace Attune.Evaluation;

/// <summary>What to run: how many seeds, where the shared data lives, and the protocol settings.</summary>
public sealed class EvaluationRunOptions
{
    private int _seeds = 10;

    /// <summary>Number of seeds, FirstSeed..FirstSeed+N-1 (default 10).</summary>
    public int Seeds { get => _seeds; init => _seeds = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Seeds), value, "Seeds must be >= 1."); }

    /// <summary>
    /// The first seed (default 0). Reported runs use 0..N-1; a method or setting is checked on other seeds (e.g. 100..109)
    /// first, so that the reported seeds are never what a choice was made on.
    /// </summary>
    public int FirstSeed { get; init; }

    /// <summary>The shared data folder; null: located by Attune.Data.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Smaller worlds for smoke runs.</summary>
    public bool Quick { get; init; }

    /// <summary>
    /// Root of the MiniLM encoder's disk cache (vectors of texts already encoded, shared by runs and processes); null: memory
    /// only. The command passes <c>--cache</c>, else <c>$ATTUNE_CACHE</c>, else a folder under the output.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>hh only: keep the first N comparisons after the seeded shuffle (a smaller deployment); null: all.</summary>
    public int? MaxComparisons { get; init; }

    /// <summary>How the prompt enters the MiniLM featurizer of the encoder methods (default: the response alone).</summary>
    public Attune.Text.Encoders.MiniLmPromptMode MiniLmPrompt { get; init; } = Attune.Text.Encoders.MiniLmPromptMode.None;

    /// <summary>Scales (MiniLM, hashing) of the composite methods' featurizer (default 1, 1).</summary>
    public IReadOnlyList<double> CompositeScales { get; init; } = [1.0, 1.0];

    /// <summary>The protocol settings.</summary>
    public ProtocolOptions Protocol { get; init; } = new();
}
