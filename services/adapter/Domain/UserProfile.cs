namespace Attune.Adapter.Domain;

/// <summary>
/// A user's Laplace posterior N(mean, covariance) over w_u in one model version's basis: mean shape (K), covariance shape
/// (K, K) row-major. A user with no answers has the population prior (<see cref="ColdStart"/>).
/// </summary>
public sealed record UserProfile(string UserId, long ModelVersion, double[] Mean, double[] Covariance, int Answers)
{
    /// <summary>True when no answer moved the weights away from the prior.</summary>
    public bool ColdStart => Answers == 0;
}
