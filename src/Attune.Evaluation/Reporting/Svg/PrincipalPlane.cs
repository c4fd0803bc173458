namespace Attune.Evaluation.Reporting.Svg;

/// <summary>
/// Coordinates of points (rows of length K) on their first two principal components, for a 2-D map: centre, covariance
/// K x K, top eigenvectors by power iteration with deflation (K is small). With K = 1 the second coordinate is 0.
/// </summary>
public static class PrincipalPlane
{
    /// <summary>(pc1, pc2) per point.</summary>
    public static (double X, double Y)[] Project(IReadOnlyList<float[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return [];
        }

        int k = points[0].Length;
        var mean = new double[k];
        foreach (var p in points)
        {
            for (int a = 0; a < k; a++)
            {
                mean[a] += p[a] / points.Count;
            }
        }

        var cov = new double[k, k];
        foreach (var p in points)
        {
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    cov[a, b] += (p[a] - mean[a]) * (p[b] - mean[b]);
                }
            }
        }

        var first = TopEigenvector(cov, k);
        Deflate(cov, first, k);
        var second = k > 1 ? TopEigenvector(cov, k) : new double[k];
        return points.Select(p => (Dot(p, mean, first), Dot(p, mean, second))).ToArray();
    }

    private static double Dot(float[] p, double[] mean, double[] v)
    {
        double s = 0;
        for (int a = 0; a < v.Length; a++)
        {
            s += (p[a] - mean[a]) * v[a];
        }

        return s;
    }

    private static double[] TopEigenvector(double[,] m, int k)
    {
        var v = Enumerable.Range(0, k).Select(i => 1.0 + 0.1 * i).ToArray();
        for (int it = 0; it < 200; it++)
        {
            var next = new double[k];
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    next[a] += m[a, b] * v[b];
                }
            }

            double norm = Math.Sqrt(next.Sum(x => x * x));
            if (norm < 1e-12)
            {
                return new double[k];
            }

            v = next.Select(x => x / norm).ToArray();
        }

        return v;
    }

    private static void Deflate(double[,] m, double[] v, int k)
    {
        double lambda = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                lambda += v[a] * m[a, b] * v[b];
            }
        }

        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                m[a, b] -= lambda * v[a] * v[b];
            }
        }
    }
}
