namespace Attune.Ml.Training;

/// <summary>Which PReF-family training procedure <see cref="PrefTrainer"/> runs.</summary>
public enum PrefMethod
{
    /// <summary>PReF: matrix-completion initialisation, then alternating convex blocks.</summary>
    Alternating,

    /// <summary>Reward features: joint L-BFGS over (V, W) from random initialisation.</summary>
    JointGradient,
}
