namespace Attune.Ml.Clustering;

/// <summary>
/// k-means (Lloyd) with k-means++ seeding on points of shape (n, dim) row-major, minimising the inertia
/// sum_i ||x_i - c_{a_i}||^2; deterministic for a seed.
/// </summary>
public static class KMeans
{
    /// <summary>Returns the assignment (length n) and writes centroids (shape (k, dim)); keeps the best of restarts.</summary>
    public static int[] Fit(
        ReadOnlySpan<float> points, int dimension, int k, int seed, Span<float> centroids, int restarts = 4, int maxIterations = 100)
    {
        if (dimension < 1 || points.IsEmpty || points.Length % dimension != 0)
        {
            throw new ArgumentException($"points must have shape (n >= 1, {dimension}); got {points.Length} values.", nameof(points));
        }

        int n = points.Length / dimension;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, n = {n}].");
        }

        if (centroids.Length != k * dimension)
        {
            throw new ArgumentException($"centroids must have shape ({k}, {dimension}).", nameof(centroids));
        }

        var random = new Random(seed);
        var best = new int[n];
        var current = new int[n];
        var candidate = new float[k * dimension];
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < Math.Max(1, restarts); r++)
        {
            SeedPlusPlus(points, dimension, k, random, candidate);
            double inertia = Lloyd(points, dimension, k, candidate, current, maxIterations);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                current.CopyTo(best, 0);
                candidate.CopyTo(centroids);
            }
        }

        return best;
    }

    internal static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }

        return s;
    }

    private static void SeedPlusPlus(ReadOnlySpan<float> points, int dim, int k, Random random, Span<float> centroids)
    {
        int n = points.Length / dim;
        var nearest = new double[n];
        points.Slice(random.Next(n) * dim, dim).CopyTo(centroids);
        for (int i = 0; i < n; i++)
        {
            nearest[i] = SquaredDistance(points.Slice(i * dim, dim), centroids[..dim]);
        }

        for (int c = 1; c < k; c++)
        {
            double total = 0.0;
            foreach (double d in nearest)
            {
                total += d;
            }

            int chosen = n - 1;
            double target = random.NextDouble() * total;
            for (int i = 0; i < n; i++)
            {
                target -= nearest[i];
                if (target < 0)
                {
                    chosen = i;
                    break;
                }
            }

            if (total <= 0)
            {
                chosen = random.Next(n);
            }

            Span<float> centroid = centroids.Slice(c * dim, dim);
            points.Slice(chosen * dim, dim).CopyTo(centroid);
            for (int i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(points.Slice(i * dim, dim), centroid));
            }
        }
    }

    private static double Lloyd(ReadOnlySpan<float> points, int dim, int k, Span<float> centroids, int[] assignment, int maxIterations)
    {
        int n = points.Length / dim;
        var sums = new double[k * dim];
        var counts = new int[k];
        double inertia = 0.0;
        for (int it = 0; it < maxIterations; it++)
        {
            bool changed = it == 0;
            inertia = 0.0;
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                double bestDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double d = SquaredDistance(points.Slice(i * dim, dim), centroids.Slice(c * dim, dim));
                    if (d < bestDistance)
                    {
                        bestDistance = d;
                        best = c;
                    }
                }

                changed |= assignment[i] != best;
                assignment[i] = best;
                inertia += bestDistance;
            }

            if (!changed)
            {
                break;
            }

            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[assignment[i]]++;
                for (int a = 0; a < dim; a++)
                {
                    sums[assignment[i] * dim + a] += points[i * dim + a];
                }
            }

            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    continue;
                }

                for (int a = 0; a < dim; a++)
                {
                    centroids[c * dim + a] = (float)(sums[c * dim + a] / counts[c]);
                }
            }
        }

        return inertia;
    }
}
