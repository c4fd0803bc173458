using System.Globalization;
using Attune.Adapter.Domain;
using Attune.Adapter.Options;
using Grpc.Core;

namespace Attune.Adapter.Rewards;

/// <summary>
/// Scores batches for the RL trainer faces: every sample of a batch under the one model in force when the batch began,
/// r(x, y) = w . phi(x, y) with w a user's posterior mean (the prior for a user never seen, as Score does) or a
/// cluster's mean member weights (<see cref="Attune.Ml.Clustering.ClusterModel.ClusterWeights"/>). Batches of any size
/// are taken in chunks of <see cref="AdapterOptions.MaxScoredResponses"/>, each user's weights read once per batch.
/// </summary>
public sealed class RewardScorer(ProfileBook book)
{
    /// <summary>
    /// The rewards of <paramref name="samples"/>, in order. FAILED_PRECONDITION when no model is in force; NOT_FOUND naming
    /// the sample's target field for a cluster the model does not have.
    /// </summary>
    public async Task<RewardBatch> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var model = book.RequireModel();
        var weights = new Dictionary<RewardTarget, (double[] Mean, bool ColdStart)>();
        var scored = new ScoredSample[samples.Count];
        for (var start = 0; start < samples.Count; start += AdapterOptions.MaxScoredResponses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(samples.Count, start + AdapterOptions.MaxScoredResponses);
            for (var i = start; i < end; i++)
            {
                var sample = samples[i];
                if (!weights.TryGetValue(sample.Target, out var w))
                {
                    w = await WeightsAsync(model, sample, cancellationToken);
                    weights[sample.Target] = w;
                }

                var phi = model.Phi(sample.Prompt, sample.Response);
                scored[i] = new ScoredSample(Gaussian.Mean(w.Mean, phi), Gaussian.Mean(model.Prior.Mean, phi), w.ColdStart);
            }
        }

        return new RewardBatch(model.Version, scored);
    }

    private async Task<(double[] Mean, bool ColdStart)> WeightsAsync(ModelSnapshot model, RewardSample sample, CancellationToken cancellationToken)
    {
        if (sample.Target.UserId is { } user)
        {
            var profile = await book.GetAsync(model, user, cancellationToken);
            return (profile.Mean, profile.ColdStart);
        }

        var cluster = sample.Target.Cluster!.Value;
        var clusters = model.Model.Clusters;
        if (clusters is null || clusters.Rank != model.Rank)
        {
            throw NotFound(sample.TargetField, $"model {model.Version} has no clusters of users, so '{sample.Target}' has no reward");
        }

        if (cluster >= clusters.Count)
        {
            throw NotFound(sample.TargetField,
                $"model {model.Version} has clusters 1 to {clusters.Count.ToString(CultureInfo.InvariantCulture)}; '{sample.Target}' is not one of them");
        }

        var mean = new double[model.Rank];
        var row = clusters.ClusterWeights.Slice(cluster * model.Rank, model.Rank);
        for (var a = 0; a < mean.Length; a++)
        {
            mean[a] = row[a];
        }

        return (mean, false);
    }

    private static RpcException NotFound(string field, string problem) => new(new Status(StatusCode.NotFound, $"{field}: {problem}"));
}
