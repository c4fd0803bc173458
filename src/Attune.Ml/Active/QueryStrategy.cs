namespace Attune.Ml.Active;

/// <summary>How <see cref="ActiveQuerySelector"/> scores candidate comparisons.</summary>
public enum QueryStrategy
{
    /// <summary>sigmoid'(mu . z) sqrt(z^T Sigma z), the PReF criterion.</summary>
    Uncertainty,

    /// <summary>log(1 + sigmoid'(mu . z) z^T Sigma z), expected drop of log det Sigma.</summary>
    InformationGain,

    /// <summary>Uniformly random, seeded.</summary>
    Random,
}
