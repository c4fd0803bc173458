using Attune.Adapter.Domain;
using Attune.Contracts.V1;

namespace Attune.Adapter.Grpc;

/// <summary>Maps a <see cref="UserProfile"/> to the wire, with its cluster under the model it is expressed in.</summary>
public static class ProfileMapping
{
    /// <summary>The profile; the cluster is set when <paramref name="model"/> (the profile's version) has clusters.</summary>
    public static Profile MapToProfile(ModelSnapshot? model, UserProfile profile)
    {
        var reply = new Profile
        {
            UserId = profile.UserId,
            ModelVersion = profile.ModelVersion,
            Weights = new UserWeights(),
            Answers = profile.Answers,
            ColdStart = profile.ColdStart,
        };
        reply.Weights.Mean.AddRange(profile.Mean);
        reply.Weights.Covariance.AddRange(profile.Covariance);
        if (model?.Model.Clusters is { } clusters && clusters.Rank == profile.Mean.Length)
        {
            int c = clusters.Assign(profile.Mean);
            reply.Cluster = new ClusterAssignment { Cluster = c, Similarity = Cosine(clusters.Centroids.Slice(c * clusters.Rank, clusters.Rank), profile.Mean) };
        }

        return reply;
    }

    private static double Cosine(ReadOnlySpan<float> centroid, ReadOnlySpan<double> w)
    {
        double dot = 0, nc = 0, nw = 0;
        for (int a = 0; a < w.Length; a++)
        {
            dot += centroid[a] * w[a];
            nc += (double)centroid[a] * centroid[a];
            nw += w[a] * w[a];
        }

        return nc > 0 && nw > 0 ? dot / Math.Sqrt(nc * nw) : 0;
    }
}
