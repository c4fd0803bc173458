using Attune.Ml.Data;

namespace Attune.Ml.Objectives;

/// <summary>
/// The joint PReF / reward-features objective over theta = [V; W]:
/// J(V, W) = sum_i c_i BCE(y_i, sigmoid(w_{u_i} . V d_{p_i})) + lambda_w/2 ||W||_F^2 + lambda_v/2 ||V||_F^2.
/// Parameter layout: V, shape (K, D) row-major, followed by W, shape (users, K) row-major. Non-convex (bilinear).
/// </summary>
public sealed class JointObjective : IObjective
{
    private readonly ComparisonSet _data;
    private readonly PairProjection _projection;
    private readonly float _lambdaV;
    private readonly float _lambdaW;

    /// <param name="data">Comparisons; pairs index rows of its feature matrix, shape (pairs, D).</param>
    /// <param name="rank">K >= 1.</param>
    /// <param name="lambdaV">lambda_v >= 0.</param>
    /// <param name="lambdaW">lambda_w >= 0.</param>
    public JointObjective(ComparisonSet data, int rank, float lambdaV, float lambdaW)
    {
        ArgumentNullException.ThrowIfNull(data);
        ObjectiveChecks.Rank(rank);
        ObjectiveChecks.Lambda(lambdaV, nameof(lambdaV));
        ObjectiveChecks.Lambda(lambdaW, nameof(lambdaW));
        _data = data;
        _projection = new PairProjection(data, rank);
        _lambdaV = lambdaV;
        _lambdaW = lambdaW;
        Rank = rank;
        VLength = rank * data.Features.Columns;
        Dimension = VLength + data.UserCount * rank;
    }

    /// <summary>K.</summary>
    public int Rank { get; }

    /// <summary>Length of the V block, K * D (the W block starts there).</summary>
    public int VLength { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<float> parameters) => Evaluate(parameters, Span<float>.Empty);

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Evaluate(parameters, gradient);

    /// <inheritdoc />
    public double LossGradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Evaluate(parameters, gradient);

    private double Evaluate(ReadOnlySpan<float> theta, Span<float> gradient)
    {
        ObjectiveChecks.Length(theta.Length, Dimension, nameof(theta));
        ReadOnlySpan<float> v = theta[..VLength];
        ReadOnlySpan<float> w = theta[VLength..];
        Span<float> gv = Span<float>.Empty;
        Span<float> gw = Span<float>.Empty;
        if (!gradient.IsEmpty)
        {
            ObjectiveChecks.Length(gradient.Length, Dimension, nameof(gradient));
            gradient.Clear();
            gv = gradient[..VLength];
            gw = gradient[VLength..];
        }

        double loss = MarginLoss.Evaluate(_data, _projection, v, w, gv, gw);
        loss += MarginLoss.AddRidge(v, _lambdaV, gv);
        loss += MarginLoss.AddRidge(w, _lambdaW, gw);
        return loss;
    }
}
