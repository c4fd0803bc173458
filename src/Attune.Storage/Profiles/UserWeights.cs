namespace Attune.Storage;

/// <summary>A user's fitted weights in one model version's basis (a Gaussian posterior).</summary>
/// <param name="UserId">Whose weights.</param>
/// <param name="ModelVersion">The model version the weights are expressed in.</param>
/// <param name="Mean">Posterior mean, shape (k).</param>
/// <param name="Covariance">Posterior covariance, shape (k, k) row-major: length k * k.</param>
/// <param name="AnswerCount">How many answers the fit used.</param>
/// <param name="UpdatedAt">When the fit was stored.</param>
public sealed record UserWeights(
    string UserId, long ModelVersion, double[] Mean, double[] Covariance, int AnswerCount, DateTimeOffset UpdatedAt)
{
    /// <summary>Throws <see cref="ArgumentException"/> when a field is missing or the shapes disagree.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(UserId, "user_id");
        ArgumentOutOfRangeException.ThrowIfLessThan(ModelVersion, 1, "model_version");
        ArgumentNullException.ThrowIfNull(Mean, "mean");
        ArgumentNullException.ThrowIfNull(Covariance, "covariance");
        ArgumentOutOfRangeException.ThrowIfNegative(AnswerCount, "answer_count");
        if (Covariance.Length != Mean.Length * Mean.Length)
        {
            throw new ArgumentException(
                $"covariance has {Covariance.Length} values; mean has {Mean.Length}, so it needs {Mean.Length * Mean.Length}.", "covariance");
        }

        if (!Mean.All(double.IsFinite) || !Covariance.All(double.IsFinite))
        {
            throw new ArgumentException("mean and covariance must be finite.", "mean");
        }
    }
}
