using Attune.Ml.Data;

namespace Attune.Ml.Models;

/// <summary>
/// Logistic-regression baselines on raw feature differences: one coefficient row beta_g of length D per group, margin
/// m_i = beta_{g(i)} . d_{p_i}. The global Bradley-Terry model has one group; the per-user model has one group per user
/// (coefficients shape (users, D)), and a user without training comparisons falls back to the global row when given.
/// </summary>
public sealed class LinearRewardModel : IRewardModel
{
    private readonly float[] _coefficients;
    private readonly float[]? _fallback;

    /// <summary>Wraps coefficients, shape (groups, D); groups is 1 (global) or users (per user).</summary>
    public LinearRewardModel(string method, int dimension, float[] coefficients, bool perUser, float[]? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (dimension < 1 || coefficients.Length == 0 || coefficients.Length % dimension != 0)
        {
            throw new ArgumentException($"coefficients must have shape (groups, D = {dimension}); got {coefficients.Length} values.", nameof(coefficients));
        }

        if (fallback is not null && fallback.Length != dimension)
        {
            throw new ArgumentException($"fallback must have length D = {dimension}.", nameof(fallback));
        }

        Method = method;
        Dimension = dimension;
        PerUser = perUser;
        _coefficients = coefficients;
        _fallback = fallback;
    }

    /// <inheritdoc />
    public string Method { get; }

    /// <summary>D.</summary>
    public int Dimension { get; }

    /// <summary>Whether there is one row per user.</summary>
    public bool PerUser { get; }

    /// <summary>Coefficients, shape (groups, D).</summary>
    public ReadOnlySpan<float> Coefficients => _coefficients;

    /// <inheritdoc />
    public void PredictMargins(ComparisonSet data, Span<float> margins)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (margins.Length != data.Count || data.Features.Columns != Dimension)
        {
            throw new ArgumentException($"margins must have length {data.Count} and features D = {Dimension}; got {margins.Length} and {data.Features.Columns}.", nameof(margins));
        }

        int groups = _coefficients.Length / Dimension;
        for (int i = 0; i < data.Count; i++)
        {
            int g = PerUser ? data.Users[i] : 0;
            ReadOnlySpan<float> beta = g < groups ? _coefficients.AsSpan(g * Dimension, Dimension) : _fallback ?? throw new ArgumentException($"User {g} has no coefficients and there is no fallback.", nameof(data));
            margins[i] = data.Features.Dot(data.Pairs[i], beta);
        }
    }
}
