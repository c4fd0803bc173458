using Attune.Ml.Kernels;

namespace Attune.Ml.Objectives;

/// <summary>
/// One user's negative log-posterior over w (K parameters) with Gaussian prior N(mu, Sigma), Sigma^-1 = P:
/// J(w) = sum_j c_j BCE(y_j, sigmoid(w . z_j)) + 1/2 (w - mu)^T P (w - mu),
/// grad = sum_j c_j (sigmoid(w . z_j) - y_j) z_j + P (w - mu),
/// Hessian = sum_j c_j sigmoid'(w . z_j) z_j z_j^T + P (positive definite when P is).
/// z_j = V d_{p_j} is the phi-difference of answer j, shape (answers, K) row-major; y_j = 1 means the first response was
/// preferred. L2 regularisation lambda/2 ||w||^2 is the special case mu = 0, P = lambda I.
/// A ref struct over caller spans: nothing is allocated, so a fit can run in microseconds.
/// </summary>
public readonly ref struct UserObjective
{
    private readonly ReadOnlySpan<float> _z;
    private readonly ReadOnlySpan<float> _y;
    private readonly ReadOnlySpan<float> _c;
    private readonly ReadOnlySpan<double> _mu;
    private readonly ReadOnlySpan<double> _precision;

    /// <param name="phiDifferences">z, shape (answers, K) row-major.</param>
    /// <param name="preferences">y, length answers, in [0, 1].</param>
    /// <param name="weights">c, length answers, or empty for all 1.</param>
    /// <param name="priorMean">mu, length K.</param>
    /// <param name="priorPrecision">P = Sigma^-1, shape (K, K) symmetric positive definite.</param>
    public UserObjective(
        ReadOnlySpan<float> phiDifferences, ReadOnlySpan<float> preferences, ReadOnlySpan<float> weights,
        ReadOnlySpan<double> priorMean, ReadOnlySpan<double> priorPrecision)
    {
        int k = priorMean.Length;
        if (k < 1)
        {
            throw new ArgumentException("priorMean must have K >= 1 entries.", nameof(priorMean));
        }

        ObjectiveChecks.Length(priorPrecision.Length, k * k, nameof(priorPrecision));
        ObjectiveChecks.Length(phiDifferences.Length, preferences.Length * k, nameof(phiDifferences));
        if (!weights.IsEmpty)
        {
            ObjectiveChecks.Length(weights.Length, preferences.Length, nameof(weights));
        }

        for (int j = 0; j < preferences.Length; j++)
        {
            if (!(preferences[j] >= 0f && preferences[j] <= 1f))
            {
                throw new ArgumentException($"preferences[{j}] = {preferences[j]}; must lie in [0, 1].", nameof(preferences));
            }
        }

        ObjectiveChecks.Finite(phiDifferences, nameof(phiDifferences));
        _z = phiDifferences;
        _y = preferences;
        _c = weights;
        _mu = priorMean;
        _precision = priorPrecision;
        Rank = k;
    }

    /// <summary>K.</summary>
    public int Rank { get; }

    /// <summary>Number of answers.</summary>
    public int Count => _y.Length;

    /// <summary>J(w).</summary>
    public double Loss(ReadOnlySpan<double> w) => LossGradient(w, Span<double>.Empty);

    /// <summary>Writes grad J(w), length K.</summary>
    public void Gradient(ReadOnlySpan<double> w, Span<double> gradient) => LossGradient(w, gradient);

    /// <summary>Returns J(w) and writes its gradient when gradient is non-empty.</summary>
    public double LossGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        int k = Rank;
        ObjectiveChecks.Length(w.Length, k, nameof(w));
        bool wantGradient = !gradient.IsEmpty;
        if (wantGradient)
        {
            ObjectiveChecks.Length(gradient.Length, k, nameof(gradient));
            gradient.Clear();
        }

        double loss = 0.0;
        for (int j = 0; j < _y.Length; j++)
        {
            ReadOnlySpan<float> zj = _z.Slice(j * k, k);
            double m = Dot(w, zj);
            double c = _c.IsEmpty ? 1.0 : _c[j];
            loss += c * Logistic.BinaryCrossEntropyWithLogit(m, _y[j]);
            if (wantGradient)
            {
                double r = c * (Logistic.Sigmoid(m) - _y[j]);
                for (int a = 0; a < k; a++)
                {
                    gradient[a] += r * zj[a];
                }
            }
        }

        for (int a = 0; a < k; a++)
        {
            double pa = 0.0;
            for (int b = 0; b < k; b++)
            {
                pa += _precision[a * k + b] * (w[b] - _mu[b]);
            }

            loss += 0.5 * (w[a] - _mu[a]) * pa;
            if (wantGradient)
            {
                gradient[a] += pa;
            }
        }

        return loss;
    }

    /// <summary>
    /// Returns J(w) and writes its gradient (length K) and Hessian (shape (K, K)) in one pass, sharing one exponential
    /// per answer between the loss, sigmoid and sigmoid' (the Newton step's hot path).
    /// </summary>
    public double LossGradientHessian(ReadOnlySpan<double> w, Span<double> gradient, Span<double> hessian)
    {
        int k = Rank;
        ObjectiveChecks.Length(w.Length, k, nameof(w));
        ObjectiveChecks.Length(gradient.Length, k, nameof(gradient));
        ObjectiveChecks.Length(hessian.Length, k * k, nameof(hessian));
        double loss = PriorTerm(w, gradient);
        _precision.CopyTo(hessian);
        for (int j = 0; j < _y.Length; j++)
        {
            ReadOnlySpan<float> zj = _z.Slice(j * k, k);
            double m = Dot(w, zj);
            double c = _c.IsEmpty ? 1.0 : _c[j];
            double e = Math.Exp(-Math.Abs(m));
            double sigmoid = m >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            loss += c * (Math.Max(m, 0.0) + Math.Log(1.0 + e) - _y[j] * m);
            double r = c * (sigmoid - _y[j]);
            double s = c * sigmoid * (1.0 - sigmoid);
            for (int a = 0; a < k; a++)
            {
                gradient[a] += r * zj[a];
                double sa = s * zj[a];
                for (int b = 0; b <= a; b++)
                {
                    hessian[a * k + b] += sa * zj[b];
                }
            }
        }

        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < a; b++)
            {
                hessian[b * k + a] = hessian[a * k + b];
            }
        }

        return loss;
    }

    /// <summary>1/2 (w - mu)^T P (w - mu); overwrites gradient with P (w - mu).</summary>
    private double PriorTerm(ReadOnlySpan<double> w, Span<double> gradient)
    {
        int k = Rank;
        double loss = 0.0;
        for (int a = 0; a < k; a++)
        {
            double pa = 0.0;
            for (int b = 0; b < k; b++)
            {
                pa += _precision[a * k + b] * (w[b] - _mu[b]);
            }

            loss += 0.5 * (w[a] - _mu[a]) * pa;
            gradient[a] = pa;
        }

        return loss;
    }

    /// <summary>Writes the Hessian at w, shape (K, K) row-major.</summary>
    public void Hessian(ReadOnlySpan<double> w, Span<double> hessian)
    {
        int k = Rank;
        ObjectiveChecks.Length(w.Length, k, nameof(w));
        ObjectiveChecks.Length(hessian.Length, k * k, nameof(hessian));
        _precision.CopyTo(hessian);
        for (int j = 0; j < _y.Length; j++)
        {
            ReadOnlySpan<float> zj = _z.Slice(j * k, k);
            double s = (_c.IsEmpty ? 1.0 : _c[j]) * Logistic.SigmoidDerivative(Dot(w, zj));
            for (int a = 0; a < k; a++)
            {
                double sa = s * zj[a];
                for (int b = 0; b <= a; b++)
                {
                    hessian[a * k + b] += sa * zj[b];
                }
            }
        }

        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < a; b++)
            {
                hessian[b * k + a] = hessian[a * k + b];
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<float> z)
    {
        double m = 0.0;
        for (int a = 0; a < z.Length; a++)
        {
            m += w[a] * z[a];
        }

        return m;
    }
}
