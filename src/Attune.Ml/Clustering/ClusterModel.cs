namespace Attune.Ml.Clustering;

/// <summary>
/// Clusters of users by the direction of their weights. <see cref="Centroids"/>, shape (clusters, K): k-means centroids of
/// the L2-normalised weights. <see cref="ClusterWeights"/>, shape (clusters, K): the mean raw weights of each cluster's
/// members, i.e. the cluster's reward r_c(x, y) = ClusterWeights_c . V e(x, y).
/// </summary>
public sealed class ClusterModel
{
    private readonly float[] _centroids;
    private readonly float[] _clusterWeights;

    /// <summary>Wraps centroids and cluster weights (shape (clusters, K)), the training assignment per user and the silhouette.</summary>
    public ClusterModel(int rank, float[] centroids, float[] clusterWeights, int[] assignments, double silhouette)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        ArgumentNullException.ThrowIfNull(clusterWeights);
        ArgumentNullException.ThrowIfNull(assignments);
        if (rank < 1 || centroids.Length == 0 || centroids.Length % rank != 0 || clusterWeights.Length != centroids.Length)
        {
            throw new ArgumentException(
                $"centroids and clusterWeights must both have shape (clusters, K = {rank}); got {centroids.Length} and {clusterWeights.Length} values.",
                nameof(centroids));
        }

        Rank = rank;
        _centroids = centroids;
        _clusterWeights = clusterWeights;
        Assignments = assignments;
        Silhouette = silhouette;
    }

    /// <summary>K.</summary>
    public int Rank { get; }

    /// <summary>Number of clusters.</summary>
    public int Count => _centroids.Length / Rank;

    /// <summary>Normalised centroids, shape (clusters, K).</summary>
    public ReadOnlySpan<float> Centroids => _centroids;

    /// <summary>Mean raw member weights, shape (clusters, K).</summary>
    public ReadOnlySpan<float> ClusterWeights => _clusterWeights;

    /// <summary>Cluster of each training user (index into users); -1 for a user with zero weights.</summary>
    public IReadOnlyList<int> Assignments { get; }

    /// <summary>Mean silhouette of the training assignment, in [-1, 1].</summary>
    public double Silhouette { get; }

    /// <summary>The cluster whose centroid has the largest cosine with w (length K); 0 for a zero vector.</summary>
    public int Assign(ReadOnlySpan<double> weights)
    {
        if (weights.Length != Rank)
        {
            throw new ArgumentException($"weights has length {weights.Length}; expected K = {Rank}.", nameof(weights));
        }

        int best = 0;
        double bestCosine = double.NegativeInfinity;
        for (int c = 0; c < Count; c++)
        {
            ReadOnlySpan<float> centroid = Centroids.Slice(c * Rank, Rank);
            double dot = 0.0;
            double norm = 0.0;
            for (int a = 0; a < Rank; a++)
            {
                dot += centroid[a] * weights[a];
                norm += (double)centroid[a] * centroid[a];
            }

            double cosine = norm > 0 ? dot / Math.Sqrt(norm) : double.NegativeInfinity;
            if (cosine > bestCosine)
            {
                bestCosine = cosine;
                best = c;
            }
        }

        return best;
    }
}
