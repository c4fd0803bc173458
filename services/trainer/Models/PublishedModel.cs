using Attune.Ml.Models;

namespace Attune.Trainer.Models;

/// <summary>
/// What the trainer publishes of a trained model: the basis V (and a neural model's residual MLP), the population prior, the clusters (centroids, weights and
/// anonymous assignment counts), spectrum, metrics and settings, but no user's id or weights. A published version is
/// immutable, so per-user weights written into it could never be erased when the user asks (UserErased); and no consumer
/// needs them: the adapter fits every user from its own stored answers.
/// </summary>
public static class PublishedModel
{
    /// <summary>A copy of <paramref name="model"/> with no users (V is copied; the prior and clusters are shared).</summary>
    public static PrefModel WithoutUsers(PrefModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new PrefModel(
            model.Method, model.Rank, model.Dimension, model.V.ToArray(), [], [], model.Prior, model.Featurizer,
            model.Spectrum, model.Clusters, model.Metrics, model.Settings, model.Residual).WithLabels(model.Labels);
    }
}
