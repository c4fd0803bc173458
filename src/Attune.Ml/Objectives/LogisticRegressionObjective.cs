using Attune.Ml.Data;
using Attune.Ml.Kernels;

namespace Attune.Ml.Objectives;

/// <summary>
/// L2-regularised logistic regression on raw feature differences (the Bradley-Terry / per-user baselines):
/// J(beta) = sum_{i in S} c_i BCE(y_i, sigmoid(beta . d_{p_i})) + lambda/2 ||beta||^2, beta of length D.
/// No bias: swapping the two responses negates d and must flip the prediction. S is a subset of the comparisons
/// (all of them for the global model, one user's for a per-user model).
/// </summary>
public sealed class LogisticRegressionObjective : IObjective
{
    private readonly ComparisonSet _data;
    private readonly int[] _indices;
    private readonly float _lambda;

    /// <param name="data">Comparisons with features of shape (pairs, D).</param>
    /// <param name="indices">Comparisons in S (indices into data); must not be empty.</param>
    /// <param name="lambda">lambda >= 0.</param>
    public LogisticRegressionObjective(ComparisonSet data, int[] indices, float lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        ObjectiveChecks.Lambda(lambda, nameof(lambda));
        if (indices.Length == 0)
        {
            throw new ArgumentException("The logistic regression needs at least one comparison.", nameof(indices));
        }

        foreach (int i in indices)
        {
            if ((uint)i >= (uint)data.Count)
            {
                throw new ArgumentException($"Comparison index {i} is outside [0, {data.Count}).", nameof(indices));
            }
        }

        _data = data;
        _indices = indices;
        _lambda = lambda;
        Dimension = data.Features.Columns;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<float> parameters) => Evaluate(parameters, Span<float>.Empty);

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Evaluate(parameters, gradient);

    /// <inheritdoc />
    public double LossGradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Evaluate(parameters, gradient);

    private double Evaluate(ReadOnlySpan<float> beta, Span<float> gradient)
    {
        ObjectiveChecks.Length(beta.Length, Dimension, nameof(beta));
        bool wantGradient = !gradient.IsEmpty;
        if (wantGradient)
        {
            ObjectiveChecks.Length(gradient.Length, Dimension, nameof(gradient));
            gradient.Clear();
        }

        FeatureMatrix features = _data.Features;
        ReadOnlySpan<int> pairs = _data.Pairs;
        ReadOnlySpan<float> y = _data.Preferences;
        ReadOnlySpan<float> c = _data.Weights;
        double loss = 0.0;
        foreach (int i in _indices)
        {
            double m = features.Dot(pairs[i], beta);
            loss += c[i] * Logistic.BinaryCrossEntropyWithLogit(m, y[i]);
            if (wantGradient)
            {
                features.AddScaledRow(pairs[i], (float)(c[i] * (Logistic.Sigmoid(m) - y[i])), gradient);
            }
        }

        return loss + MarginLoss.AddRidge(beta, _lambda, gradient);
    }
}
