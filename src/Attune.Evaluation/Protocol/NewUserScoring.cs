namespace Attune.Evaluation.Protocol;

/// <summary>How a new user's fitted posterior N(w*, H^-1) scores a test comparison z.</summary>
public enum NewUserScoring
{
    /// <summary>The posterior mean's margin w* . z (the MAP reward difference).</summary>
    PosteriorMean,

    /// <summary>
    /// The Laplace predictive margin w* . z / sqrt(1 + pi z' H^-1 z / 8), whose sigmoid approximates E[sigmoid(w . z)]
    /// over the posterior (<see cref="Attune.Ml.Users.PredictiveMargin"/>): uncertain comparisons move towards a tie.
    /// </summary>
    Predictive,
}
