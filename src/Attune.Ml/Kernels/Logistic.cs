namespace Attune.Ml.Kernels;

/// <summary>
/// Numerically stable logistic kernels. With margin m and soft label y in [0, 1] (1 = first response preferred):
/// sigmoid(m) = 1 / (1 + e^-m), log1pexp(m) = log(1 + e^m), and the binary cross-entropy on the logit
/// BCE(y, sigmoid(m)) = log1pexp(m) - y m, whose derivative in m is sigmoid(m) - y and second derivative sigmoid'(m).
/// </summary>
public static class Logistic
{
    /// <summary>sigmoid(m), exact in both tails (no overflow of e^-m for m very negative).</summary>
    public static double Sigmoid(double m)
    {
        if (m >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-m));
        }

        double e = Math.Exp(m);
        return e / (1.0 + e);
    }

    /// <summary>log(1 + e^m) = max(m, 0) + log1p(e^-|m|), finite for every finite m.</summary>
    public static double Log1pExp(double m) => Math.Max(m, 0.0) + LogOnePlus(Math.Exp(-Math.Abs(m)));

    /// <summary>sigmoid'(m) = sigmoid(m) (1 - sigmoid(m)), in (0, 1/4].</summary>
    public static double SigmoidDerivative(double m)
    {
        double s = Sigmoid(m);
        return s * (1.0 - s);
    }

    /// <summary>BCE(y, sigmoid(m)) = log1pexp(m) - y m; non-negative only up to the soft-label entropy of y.</summary>
    public static double BinaryCrossEntropyWithLogit(double m, double y) => Log1pExp(m) - y * m;

    /// <summary>log(1 + x) accurate for small x (Math has no log1p).</summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
