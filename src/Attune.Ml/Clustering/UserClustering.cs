namespace Attune.Ml.Clustering;

/// <summary>
/// Clusters users by the direction of their weights: rows of W, shape (users, K), are L2-normalised, k-means++ runs for
/// each k in [minClusters, maxClusters] (capped at users - 1), and the k with the largest mean silhouette (Euclidean
/// distance on the normalised vectors, i.e. a monotone function of cosine distance) is kept.
/// </summary>
public static class UserClustering
{
    /// <param name="userWeights">W, shape (users, K) row-major; at least 3 users with non-zero weights.</param>
    /// <param name="rank">K.</param>
    /// <param name="minClusters">Smallest k, >= 2.</param>
    /// <param name="maxClusters">Largest k, >= minClusters.</param>
    /// <param name="seed">Seed of k-means++.</param>
    public static ClusterModel Fit(ReadOnlySpan<float> userWeights, int rank, int minClusters = 2, int maxClusters = 8, int seed = 0)
    {
        if (rank < 1 || userWeights.Length % rank != 0)
        {
            throw new ArgumentException($"userWeights must have shape (users, K = {rank}); got {userWeights.Length} values.", nameof(userWeights));
        }

        if (minClusters < 2 || maxClusters < minClusters)
        {
            throw new ArgumentOutOfRangeException(nameof(minClusters), $"Need 2 <= minClusters <= maxClusters; got {minClusters} and {maxClusters}.");
        }

        int users = userWeights.Length / rank;
        var kept = new List<int>();
        var points = new List<float>();
        for (int u = 0; u < users; u++)
        {
            ReadOnlySpan<float> w = userWeights.Slice(u * rank, rank);
            double norm = Math.Sqrt(KMeans.SquaredDistance(w, new float[rank]));
            if (norm > 0)
            {
                kept.Add(u);
                foreach (float x in w)
                {
                    points.Add((float)(x / norm));
                }
            }
        }

        int n = kept.Count;
        if (n < 3 || n <= minClusters)
        {
            throw new ArgumentException($"Clustering needs more than minClusters = {minClusters} (and >= 3) users with non-zero weights; got {n}.", nameof(userWeights));
        }

        float[] data = points.ToArray();
        int[]? bestAssignment = null;
        float[]? bestCentroids = null;
        double bestSilhouette = double.NegativeInfinity;
        for (int k = minClusters; k <= Math.Min(maxClusters, n - 1); k++)
        {
            var centroids = new float[k * rank];
            int[] assignment = KMeans.Fit(data, rank, k, seed + k, centroids);
            double s = Silhouette.Mean(data, rank, assignment, k);
            if (s > bestSilhouette)
            {
                bestSilhouette = s;
                bestAssignment = assignment;
                bestCentroids = centroids;
            }
        }

        int clusters = bestCentroids!.Length / rank;
        var weights = new float[clusters * rank];
        var counts = new int[clusters];
        var assignments = new int[users];
        Array.Fill(assignments, -1);
        for (int j = 0; j < n; j++)
        {
            int c = bestAssignment![j];
            assignments[kept[j]] = c;
            counts[c]++;
            for (int a = 0; a < rank; a++)
            {
                weights[c * rank + a] += userWeights[kept[j] * rank + a];
            }
        }

        for (int c = 0; c < clusters; c++)
        {
            for (int a = 0; a < rank; a++)
            {
                weights[c * rank + a] /= Math.Max(1, counts[c]);
            }
        }

        return new ClusterModel(rank, bestCentroids, weights, assignments, bestSilhouette);
    }
}
