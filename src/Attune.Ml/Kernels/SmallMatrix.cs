namespace Attune.Ml.Kernels;

/// <summary>
/// Dense kernels for small symmetric positive-definite matrices (K x K with K up to a few dozen), row-major over spans
/// so callers can stack-allocate. Used by the per-user Newton fit and the active-query scores, where MathNet's
/// allocations would dominate a microsecond budget.
/// </summary>
public static class SmallMatrix
{
    /// <summary>
    /// Overwrites a, shape (n, n) symmetric, with its lower Cholesky factor L (a = L L^T); the strict upper triangle is
    /// zeroed. Returns false (a partly overwritten) when a is not numerically positive definite.
    /// </summary>
    public static bool CholeskyInPlace(Span<double> a, int n)
    {
        CheckSquare(a, n);
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= a[j * n + k] * a[j * n + k];
            }

            if (!(diagonal > 0.0) || !double.IsFinite(diagonal))
            {
                return false;
            }

            double ljj = Math.Sqrt(diagonal);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    s -= a[i * n + k] * a[j * n + k];
                }

                a[i * n + j] = s / ljj;
            }

            for (int i = 0; i < j; i++)
            {
                a[i * n + j] = 0.0;
            }
        }

        return true;
    }

    /// <summary>Solves L L^T x = b in place (b becomes x), with L the lower factor from <see cref="CholeskyInPlace"/>.</summary>
    public static void CholeskySolveInPlace(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        CheckSquare(l, n);
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * n + k] * b[k];
            }

            b[i] = s / l[i * n + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[k * n + i] * b[k];
            }

            b[i] = s / l[i * n + i];
        }
    }

    /// <summary>inverse = (L L^T)^-1, shape (n, n), from the lower factor L.</summary>
    public static void CholeskyInverse(ReadOnlySpan<double> l, int n, Span<double> inverse)
    {
        CheckSquare(l, n);
        CheckSquare(inverse, n);
        inverse.Clear();
        for (int j = 0; j < n; j++)
        {
            Span<double> column = inverse.Slice(j * n, n);
            column[j] = 1.0;
            CholeskySolveInPlace(l, n, column);
        }
    }

    /// <summary>log det (L L^T) = 2 sum log L_ii.</summary>
    public static double CholeskyLogDeterminant(ReadOnlySpan<double> l, int n)
    {
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Log(l[i * n + i]);
        }

        return 2.0 * sum;
    }

    private static void CheckSquare(ReadOnlySpan<double> a, int n)
    {
        if (n < 1 || a.Length < n * n)
        {
            throw new ArgumentException($"Expected an ({n}, {n}) matrix of {n * n} values; got {a.Length}.", nameof(a));
        }
    }
}
