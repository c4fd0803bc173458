using Attune.Ml.Data;

namespace Attune.Ml.Objectives;

/// <summary>
/// The V block of the PReF objective with user weights W fixed:
/// J(V) = sum_i c_i BCE(y_i, sigmoid(&lt;V, w_{u_i} d_{p_i}^T&gt;)) + lambda_v/2 ||V||_F^2.
/// The margin is linear in V, so J is convex (strictly for lambda_v &gt; 0). Parameters: V, shape (K, D) row-major.
/// </summary>
public sealed class VBlockObjective : IObjective
{
    private readonly ComparisonSet _data;
    private readonly PairProjection _projection;
    private readonly float[] _w;
    private readonly float _lambdaV;

    /// <param name="data">Comparisons.</param>
    /// <param name="userWeights">W, shape (users, K) row-major; copied.</param>
    /// <param name="rank">K >= 1.</param>
    /// <param name="lambdaV">lambda_v >= 0.</param>
    public VBlockObjective(ComparisonSet data, ReadOnlySpan<float> userWeights, int rank, float lambdaV)
    {
        ArgumentNullException.ThrowIfNull(data);
        ObjectiveChecks.Rank(rank);
        ObjectiveChecks.Lambda(lambdaV, nameof(lambdaV));
        ObjectiveChecks.Length(userWeights.Length, data.UserCount * rank, nameof(userWeights));
        ObjectiveChecks.Finite(userWeights, nameof(userWeights));
        _data = data;
        _projection = new PairProjection(data, rank);
        _w = userWeights.ToArray();
        _lambdaV = lambdaV;
        Dimension = rank * data.Features.Columns;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<float> parameters) => Evaluate(parameters, Span<float>.Empty);

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Evaluate(parameters, gradient);

    /// <inheritdoc />
    public double LossGradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Evaluate(parameters, gradient);

    private double Evaluate(ReadOnlySpan<float> v, Span<float> gradient)
    {
        ObjectiveChecks.Length(v.Length, Dimension, nameof(v));
        if (!gradient.IsEmpty)
        {
            ObjectiveChecks.Length(gradient.Length, Dimension, nameof(gradient));
            gradient.Clear();
        }

        double loss = MarginLoss.Evaluate(_data, _projection, v, _w, gradient, Span<float>.Empty);
        return loss + MarginLoss.AddRidge(v, _lambdaV, gradient);
    }
}
