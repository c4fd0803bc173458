namespace Attune.Ml.Clustering;

/// <summary>
/// Mean silhouette of a clustering: s_i = (b_i - a_i) / max(a_i, b_i), with a_i the mean distance from point i to the
/// other members of its cluster and b_i the smallest mean distance to another cluster; s_i = 0 for singletons.
/// Euclidean distance; O(n^2 dim).
/// </summary>
public static class Silhouette
{
    /// <param name="points">Shape (n, dim) row-major.</param>
    /// <param name="dimension">dim.</param>
    /// <param name="assignment">Cluster per point in [0, k), length n.</param>
    /// <param name="k">Number of clusters.</param>
    public static double Mean(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<int> assignment, int k)
    {
        int n = assignment.Length;
        if (dimension < 1 || points.Length != n * dimension || n == 0)
        {
            throw new ArgumentException($"points must have shape (n = {n}, {dimension}); got {points.Length} values.", nameof(points));
        }

        var counts = new int[k];
        foreach (int c in assignment)
        {
            if ((uint)c >= (uint)k)
            {
                throw new ArgumentException($"Cluster {c} is outside [0, {k}).", nameof(assignment));
            }

            counts[c]++;
        }

        var sums = new double[k];
        double total = 0.0;
        for (int i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    sums[assignment[j]] += Math.Sqrt(KMeans.SquaredDistance(points.Slice(i * dimension, dimension), points.Slice(j * dimension, dimension)));
                }
            }

            int own = assignment[i];
            if (counts[own] <= 1)
            {
                continue;
            }

            double a = sums[own] / (counts[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                if (c != own && counts[c] > 0)
                {
                    b = Math.Min(b, sums[c] / counts[c]);
                }
            }

            double denominator = Math.Max(a, b);
            total += double.IsFinite(b) && denominator > 0 ? (b - a) / denominator : 0.0;
        }

        return total / n;
    }
}
