using Attune.Ml.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace Attune.Ml.Factorization;

/// <summary>
/// Low-rank completion of a partly observed matrix X, shape (rows, columns), fitted on the observed entries only
/// (missing entries are unknown, never zeros):
/// min_{A, B} 1/2 sum_{(i,j) observed} (X_ij - a_i . b_j)^2 + lambda/2 (||A||_F^2 + ||B||_F^2),
/// A shape (rows, r), B shape (columns, r). By the variational form of the nuclear norm this is soft-impute's objective
/// 1/2 ||P_obs(X - Z)||^2 + lambda ||Z||_* for Z = A B^T of rank &lt;= r, so singular values of the completion below the
/// noise level shrink to zero. Solved by alternating ridge solves (softImpute-ALS), O(observed r^2) per sweep.
/// </summary>
public static class MatrixCompletion
{
    // A unit-scale random start sits far from the zero stationary point; a few sweeps before testing convergence keep a
    // slowly moving start from being mistaken for convergence.
    private const int MinSweeps = 5;

    /// <param name="rowOf">Row index per observed entry.</param>
    /// <param name="columnOf">Column index per observed entry.</param>
    /// <param name="values">X_ij per observed entry.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="rank">r >= 1.</param>
    /// <param name="lambda">lambda &gt; 0.</param>
    /// <param name="seed">Seed of the random initial B.</param>
    /// <param name="maxSweeps">ALS sweeps (each updates all of A, then all of B).</param>
    /// <param name="cancellationToken">Checked between sweeps.</param>
    public static CompletionResult Complete(
        ReadOnlySpan<int> rowOf, ReadOnlySpan<int> columnOf, ReadOnlySpan<double> values, int rows, int columns,
        int rank, double lambda, int seed, int maxSweeps = 200, CancellationToken cancellationToken = default)
    {
        if (rowOf.Length != columnOf.Length || rowOf.Length != values.Length || rowOf.IsEmpty)
        {
            throw new ArgumentException(
                $"Need one row, column and value per observed entry (at least one); got {rowOf.Length}, {columnOf.Length}, {values.Length}.",
                nameof(values));
        }

        if (rank < 1 || rank > Math.Min(rows, columns))
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [1, min(rows, columns) = {Math.Min(rows, columns)}].");
        }

        if (!(lambda > 0) || !double.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be finite and > 0.");
        }

        var byRow = SparseIndex.Build(rowOf, columnOf, values, rows);
        var byColumn = SparseIndex.Build(columnOf, rowOf, values, columns);
        var a = new double[rows * rank];
        var b = new double[columns * rank];
        var random = new Random(seed);
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = Gaussian(random);
        }

        double previous = double.PositiveInfinity;
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SolveFactor(byRow, b, a, rank, lambda);
            double objective = SolveFactor(byColumn, a, b, rank, lambda);
            objective += 0.5 * lambda * (SquaredNorm(a) + SquaredNorm(b));
            if (sweep >= MinSweeps && previous - objective <= 1e-7 * Math.Abs(previous))
            {
                break;
            }

            previous = objective;
        }

        return Decompose(a, b, rows, columns, rank);
    }

    /// <summary>The usual noise-level threshold sigma sqrt(fraction observed) (sqrt(rows) + sqrt(columns)).</summary>
    public static double NoiseLevelLambda(ReadOnlySpan<double> values, int rows, int columns)
    {
        double mean = 0.0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double variance = 0.0;
        foreach (double v in values)
        {
            variance += (v - mean) * (v - mean);
        }

        double sigma = Math.Sqrt(variance / Math.Max(1, values.Length - 1));
        double fraction = values.Length / ((double)rows * columns);
        return Math.Max(1e-6, sigma * Math.Sqrt(fraction) * (Math.Sqrt(rows) + Math.Sqrt(columns)));
    }

    /// <summary>Updates every row of target by its ridge solve against fixed; returns 1/2 the squared residual after the update.</summary>
    private static double SolveFactor(SparseIndex index, double[] fixedFactor, double[] target, int r, double lambda)
    {
        Span<double> gram = stackalloc double[r * r];
        Span<double> rhs = stackalloc double[r];
        double residual = 0.0;
        for (int i = 0; i < index.Count; i++)
        {
            gram.Clear();
            rhs.Clear();
            for (int a = 0; a < r; a++)
            {
                gram[a * r + a] = lambda;
            }

            for (int e = index.Start[i]; e < index.Start[i + 1]; e++)
            {
                ReadOnlySpan<double> f = fixedFactor.AsSpan(index.Other[e] * r, r);
                double x = index.Values[e];
                for (int a = 0; a < r; a++)
                {
                    rhs[a] += x * f[a];
                    for (int c = 0; c <= a; c++)
                    {
                        gram[a * r + c] += f[a] * f[c];
                    }
                }
            }

            for (int a = 0; a < r; a++)
            {
                for (int c = 0; c < a; c++)
                {
                    gram[c * r + a] = gram[a * r + c];
                }
            }

            SmallMatrix.CholeskyInPlace(gram, r);
            SmallMatrix.CholeskySolveInPlace(gram, r, rhs);
            rhs.CopyTo(target.AsSpan(i * r, r));
            for (int e = index.Start[i]; e < index.Start[i + 1]; e++)
            {
                ReadOnlySpan<double> f = fixedFactor.AsSpan(index.Other[e] * r, r);
                double fit = 0.0;
                for (int a = 0; a < r; a++)
                {
                    fit += rhs[a] * f[a];
                }

                residual += 0.5 * (index.Values[e] - fit) * (index.Values[e] - fit);
            }
        }

        return residual;
    }

    /// <summary>Thin SVD of A B^T through QR of both factors: A = Qa Ra, B = Qb Rb, Ra Rb^T = Us S Vs^T.</summary>
    private static CompletionResult Decompose(double[] a, double[] b, int rows, int columns, int r)
    {
        var ma = Matrix<double>.Build.Dense(rows, r, (i, j) => a[i * r + j]);
        var mb = Matrix<double>.Build.Dense(columns, r, (i, j) => b[i * r + j]);
        var qra = ma.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var qrb = mb.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var svd = (qra.R * qrb.R.Transpose()).Svd(true);
        Matrix<double> u = qra.Q * svd.U;
        Matrix<double> v = qrb.Q * svd.VT.Transpose();
        var s = svd.S.ToArray();
        return new CompletionResult(rows, columns, r, s, ToRowMajor(u), ToRowMajor(v));
    }

    private static double[] ToRowMajor(Matrix<double> m)
    {
        var result = new double[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                result[i * m.ColumnCount + j] = m[i, j];
            }
        }

        return result;
    }

    private static double SquaredNorm(double[] x)
    {
        double s = 0.0;
        foreach (double v in x)
        {
            s += v * v;
        }

        return s;
    }

    internal static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
