namespace Attune.Ml.Optimization;

/// <summary>
/// Settings of <see cref="Lbfgs"/>; every value is range-checked when set, so a bad value fails at construction.
/// </summary>
public sealed class LbfgsOptions
{
    private int _history = 10;
    private double _relativeTolerance = 1e-9;
    private int _maxBacktracks = 30;

    /// <summary>Curvature pairs (s, y) kept, >= 1 (default 10).</summary>
    public int History
    {
        get => _history;
        init => _history = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(History), value, "History must be >= 1.");
    }

    /// <summary>
    /// Stall test (scipy's ftol): after an accepted step from f to f', <see cref="Lbfgs.Converged"/> is set when
    /// (f - f') &lt;= RelativeTolerance * max(|f|, |f'|, 1). Must be in [0, 1); 0 turns the test off (default 1e-9, near
    /// the noise floor of a float32 objective summed in double, e.g. 1e-10 to 1e-9 per step past convergence on the
    /// benchmark's 40,000 comparisons).
    /// </summary>
    public double RelativeTolerance
    {
        get => _relativeTolerance;
        init => _relativeTolerance = value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), value, "RelativeTolerance must be in [0, 1).");
    }

    /// <summary>Step halvings per line search before <see cref="Lbfgs.Converged"/> is set, >= 1 (default 30).</summary>
    public int MaxBacktracks
    {
        get => _maxBacktracks;
        init => _maxBacktracks = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBacktracks), value, "MaxBacktracks must be >= 1.");
    }
}
