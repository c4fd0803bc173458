using MathNet.Numerics.LinearAlgebra;

namespace Attune.Ml.Factorization;

/// <summary>
/// Varimax rotation (Kaiser 1958) of a loadings matrix L, shape (n, K) row-major: the orthogonal R, shape (K, K),
/// maximising the variance of the squared loadings of L R within each column, so that each row loads on few columns.
/// For PReF the rows are users' weights: W = U S is identified only up to rotation (W V = (W R)(R^T V)), and the
/// rotation under which each user cares about few base functions is the one whose functions can be named one by one.
/// Rows are Kaiser-normalised (unit length; zero rows are left out) so that users with large weights do not dominate.
/// Iteration (the SVD form): with Lam = L_n R, B = L_n^T (Lam^3 - Lam diag(mean_i Lam_ij^2)), B = P S Q^T, R = P Q^T,
/// until sum(S) stops growing by more than <c>tolerance</c> relatively.
/// </summary>
public static class Varimax
{
    /// <summary>R, shape (K, K) row-major, orthogonal; the identity when K = 1 or no row is non-zero.</summary>
    /// <param name="loadings">L, shape (<paramref name="rows"/>, <paramref name="k"/>) row-major.</param>
    /// <param name="rows">n.</param>
    /// <param name="k">K.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <param name="tolerance">Relative growth of the criterion below which the iteration stops.</param>
    /// <exception cref="ArgumentException">The shape does not match.</exception>
    public static double[] Rotation(ReadOnlySpan<float> loadings, int rows, int k, int maxIterations = 200, double tolerance = 1e-10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (rows < 0 || loadings.Length != rows * k)
        {
            throw new ArgumentException($"loadings must have shape ({rows}, {k}); got {loadings.Length} values.", nameof(loadings));
        }

        var identity = Matrix<double>.Build.DenseIdentity(k);
        var kept = new List<double[]>(rows);
        for (int i = 0; i < rows; i++)
        {
            var row = loadings.Slice(i * k, k);
            double norm = 0;
            foreach (var x in row)
            {
                norm += (double)x * x;
            }

            if (norm > 1e-24)
            {
                norm = Math.Sqrt(norm);
                var scaled = new double[k];
                for (int j = 0; j < k; j++)
                {
                    scaled[j] = row[j] / norm;
                }

                kept.Add(scaled);
            }
        }

        if (k == 1 || kept.Count == 0)
        {
            return identity.ToRowMajorArray();
        }

        var l = Matrix<double>.Build.DenseOfRowArrays(kept);
        var r = identity;
        double criterion = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var lam = l * r;
            var cubed = lam.PointwisePower(3);
            var columnMeans = lam.PointwisePower(2).ColumnSums() / l.RowCount;
            var b = l.TransposeThisAndMultiply(cubed - lam * Matrix<double>.Build.DenseOfDiagonalVector(columnMeans));
            var svd = b.Svd(true);
            r = svd.U * svd.VT;
            var next = svd.S.Sum();
            if (next <= criterion * (1 + tolerance))
            {
                break;
            }

            criterion = next;
        }

        return r.ToRowMajorArray();
    }
}
