namespace Attune.Data.Evaluation;

/// <summary>Fractions and seed of an <see cref="EvaluationSplitter"/> split; checked on construction.</summary>
public sealed record SplitOptions
{
    /// <summary>Checks every range.</summary>
    /// <param name="seed">Seed of both shuffles. Default 0.</param>
    /// <param name="newUserFraction">Share of users held out as new users, in (0, 1). Default 0.2 (at least one user each side when there are two or more).</param>
    /// <param name="calibrationFraction">Share of prompts in the calibration set, in [0, 1). Default 0.2.</param>
    /// <param name="testFraction">Share of prompts in the test set, in (0, 1); calibration + test &lt; 1. Default 0.2.</param>
    public SplitOptions(int seed = 0, double newUserFraction = 0.2, double calibrationFraction = 0.2, double testFraction = 0.2)
    {
        if (!(newUserFraction > 0 && newUserFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(newUserFraction), newUserFraction, "newUserFraction must be in (0, 1).");
        }

        if (!(calibrationFraction >= 0 && calibrationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(calibrationFraction), calibrationFraction, "calibrationFraction must be in [0, 1).");
        }

        if (!(testFraction > 0 && testFraction < 1) || calibrationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(testFraction), testFraction, "testFraction must be in (0, 1) with calibrationFraction + testFraction < 1.");
        }

        Seed = seed;
        NewUserFraction = newUserFraction;
        CalibrationFraction = calibrationFraction;
        TestFraction = testFraction;
    }

    /// <summary>Seed of the shuffles.</summary>
    public int Seed { get; }

    /// <summary>Share of users that are new.</summary>
    public double NewUserFraction { get; }

    /// <summary>Share of prompts for calibration.</summary>
    public double CalibrationFraction { get; }

    /// <summary>Share of prompts for test.</summary>
    public double TestFraction { get; }
}
