using Attune.Evaluation.Results;
using Attune.Ml.Metrics;

namespace Attune.Evaluation.Protocol;

/// <summary>Collects one (method, m) cell over new users: per-user AUC, pooled probabilities for the other metrics.</summary>
internal sealed class CellAccumulator
{
    private readonly List<double> _aucs = [];
    private readonly List<float> _probabilities = [];
    private readonly List<float> _preferences = [];

    /// <summary>Adds one user's test margins (P(first preferred) = sigmoid(margin)) and preferences.</summary>
    public void Add(ReadOnlySpan<float> margins, ReadOnlySpan<float> preferences)
    {
        var auc = BinaryMetrics.Auc(margins, preferences);
        if (!double.IsNaN(auc))
        {
            _aucs.Add(auc);
        }

        var probabilities = new float[margins.Length];
        BinaryMetrics.ToProbabilities(margins, probabilities);
        _probabilities.AddRange(probabilities);
        _preferences.AddRange(preferences.ToArray());
    }

    public CellMetrics Finish()
    {
        var p = _probabilities.ToArray();
        var y = _preferences.ToArray();
        return new CellMetrics(
            _aucs.Count > 0 ? _aucs.Average() : double.NaN,
            BinaryMetrics.Accuracy(p, y),
            BinaryMetrics.LogLoss(p, y),
            BinaryMetrics.ExpectedCalibrationError(p, y),
            _aucs.Count);
    }
}
