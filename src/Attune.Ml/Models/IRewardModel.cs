using Attune.Ml.Data;

namespace Attune.Ml.Models;

/// <summary>
/// Any trained preference model, so that an evaluator can compare methods side by side: margin m_i for comparison i,
/// with P(first response preferred) = sigmoid(m_i).
/// </summary>
public interface IRewardModel
{
    /// <summary>Short method name, e.g. "pref-alternating", "bradley-terry".</summary>
    string Method { get; }

    /// <summary>Writes m_i for every comparison of data into margins (length data.Count).</summary>
    void PredictMargins(ComparisonSet data, Span<float> margins);
}
