namespace Attune.Adapter.Domain;

/// <summary>Moments of a linear function x . w under w ~ N(mean, covariance), covariance shape (K, K) row-major.</summary>
public static class Gaussian
{
    /// <summary>mean . x.</summary>
    public static double Mean(ReadOnlySpan<double> mean, ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int a = 0; a < mean.Length; a++)
        {
            sum += mean[a] * x[a];
        }

        return sum;
    }

    /// <summary>sqrt(x^T covariance x), clamped at 0 against rounding.</summary>
    public static double StdDev(ReadOnlySpan<double> covariance, ReadOnlySpan<float> x)
    {
        int k = x.Length;
        double sum = 0;
        for (int a = 0; a < k; a++)
        {
            double row = 0;
            for (int b = 0; b < k; b++)
            {
                row += covariance[a * k + b] * x[b];
            }

            sum += x[a] * row;
        }

        return Math.Sqrt(Math.Max(0, sum));
    }

    /// <summary>The logistic function 1 / (1 + e^-m).</summary>
    public static double Sigmoid(double m) => 1.0 / (1.0 + Math.Exp(-m));
}
