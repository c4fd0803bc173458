namespace Attune.Evaluation.Generation;

/// <summary>Settings of the best-of-n generation evaluation (<c>attune eval-generation</c>); ranges are checked when set.</summary>
public sealed class GenerationEvaluationOptions
{
    private readonly int _seeds = 5;
    private readonly int _candidates = 8;
    private readonly int _answers = 10;

    /// <summary>Seeds FirstSeed .. FirstSeed + Seeds - 1 (default 5).</summary>
    public int Seeds { get => _seeds; init => _seeds = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Seeds), value, "Seeds must be >= 1."); }

    /// <summary>First seed (default 0).</summary>
    public int FirstSeed { get; init; }

    /// <summary>Candidates per generation, n of best-of-n (default 8; 2-16, the styles world's responses per prompt).</summary>
    public int Candidates
    {
        get => _candidates;
        init => _candidates = value is >= 2 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(Candidates), value, "Candidates must be in [2, 16].");
    }

    /// <summary>Calibration questions each new user answers before generating (default 10).</summary>
    public int Answers { get => _answers; init => _answers = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Answers), value, "Answers must be >= 0."); }

    /// <summary>The smaller styles world of <c>attune eval --quick</c>.</summary>
    public bool Quick { get; init; }
}
