namespace Attune.Ml.Training;

/// <summary>Stage of a training run, reported through <see cref="TrainingProgress"/>.</summary>
public enum TrainingPhase
{
    /// <summary>Completing the users x pairs matrix and reading its spectrum.</summary>
    Factorization,

    /// <summary>Training candidate ranks around the elbow and comparing them on validation.</summary>
    RankSelection,

    /// <summary>Alternating convex blocks (W by Newton per user, V by L-BFGS).</summary>
    Refinement,

    /// <summary>Joint L-BFGS over (V, W) from random initialisation.</summary>
    JointDescent,

    /// <summary>A baseline (Bradley-Terry, per-user logistic regression).</summary>
    Baseline,

    /// <summary>Prior, clusters and metrics.</summary>
    Finishing,
}
