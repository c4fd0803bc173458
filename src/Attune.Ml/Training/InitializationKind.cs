namespace Attune.Ml.Training;

/// <summary>How V and W were initialised before refinement.</summary>
public enum InitializationKind
{
    /// <summary>From the low-rank completion of the users x pairs matrix (PReF).</summary>
    Factorization,

    /// <summary>Seeded random values (the reward-features baseline, or PReF's fallback when nothing can be factored).</summary>
    Random,
}
