namespace Attune.Trainer.Gate;

/// <summary>
/// The promotion gate's settings (configuration section <c>Trainer:Gate</c>). A candidate passes when, on the held-out
/// slice, its per-user macro AUC is not below the model in force's by more than <see cref="AucTolerance"/>, its macro
/// log-loss not above by more than <see cref="LogLossTolerance"/>, it adds <see cref="MinNewComparisons"/>, and it is
/// better on one of them by at least <see cref="MinImprovement"/> consistently across users (<see cref="MinGainZ"/>): a
/// model that is no better is not worth refitting every user for.
/// </summary>
public sealed class GateOptions
{
    /// <summary>Percent of comparisons held out from training, by a stable hash of their id (0-50; default 10).</summary>
    public int HeldOutPercent { get; set; } = 10;

    /// <summary>Held-out comparisons a user needs to count in the macro averages (default 3).</summary>
    public int MinUserComparisons { get; set; } = 3;

    /// <summary>Largest drop of macro AUC allowed (default 0.01).</summary>
    public double AucTolerance { get; set; } = 0.01;

    /// <summary>Largest rise of macro log-loss allowed, in nats (default 0.01).</summary>
    public double LogLossTolerance { get; set; } = 0.01;

    /// <summary>The gain a candidate must show on macro AUC or macro log-loss (default 0.002).</summary>
    public double MinImprovement { get; set; } = 0.002;

    /// <summary>
    /// How consistent across users that gain must be: the mean of the per-user differences over its standard error.
    /// Default 0 (off): with a few held-out comparisons per user, per-user AUC is too noisy for it (a candidate that
    /// gained 0.08 macro AUC with 24 new users measured z = 0.8 over 26 users); set 2 where users have dozens each.
    /// </summary>
    public double MinGainZ { get; set; }

    /// <summary>
    /// Usable comparisons a candidate's training set must have beyond the model in force's (default 50): a retrain on
    /// what the model in force already saw (a flood of repeats, which hygiene counts once) has nothing new to learn.
    /// </summary>
    public int MinNewComparisons { get; set; } = 50;

    /// <summary>Training comparisons per user used to fit that user's weights under each model (newest first; default 200).</summary>
    public int MaxUserFitComparisons { get; set; } = 200;

    /// <summary>Checks every setting; the message names the key.</summary>
    public void Validate()
    {
        if (HeldOutPercent is < 0 or > 50)
        {
            throw new InvalidOperationException($"Trainer:Gate:HeldOutPercent must be 0-50, got {HeldOutPercent}.");
        }

        if (MinUserComparisons < 1 || MaxUserFitComparisons < 1)
        {
            throw new InvalidOperationException("Trainer:Gate:MinUserComparisons and MaxUserFitComparisons must be at least 1.");
        }

        if (AucTolerance < 0 || LogLossTolerance < 0 || MinImprovement < 0 || MinGainZ < 0 || MinNewComparisons < 0)
        {
            throw new InvalidOperationException("Trainer:Gate tolerances and MinImprovement must not be negative.");
        }
    }
}
