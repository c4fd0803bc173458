namespace Attune.Ml.Training;

/// <summary>
/// A progress report: phase, fraction of the phase done in [0, 1], iteration within it, and the mean training and
/// validation losses (per unit comparison weight; validation NaN when there is no validation split).
/// </summary>
public readonly record struct TrainingProgress(
    TrainingPhase Phase, double Fraction, int Iteration, double TrainLoss, double ValidationLoss);
