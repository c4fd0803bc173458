using System.Diagnostics;
using Attune.Ml.Objectives;

namespace Attune.Bench.Ml;

/// <summary>
/// Passes every call to an objective and records each loss it returns with the wall and thread-CPU seconds since the
/// start of the run (for time-to-loss); the python side records the same triple per closure call.
/// </summary>
internal sealed class CountingObjective(IObjective inner, Stopwatch wall, double cpuStart) : IObjective
{
    /// <summary>[wall seconds, CPU seconds, loss] per evaluation.</summary>
    public List<double[]> Trace { get; } = [];

    public int Dimension => inner.Dimension;

    public double Loss(ReadOnlySpan<float> parameters) => Record(inner.Loss(parameters));

    public void Gradient(ReadOnlySpan<float> parameters, Span<float> gradient) => inner.Gradient(parameters, gradient);

    public double LossGradient(ReadOnlySpan<float> parameters, Span<float> gradient) => Record(inner.LossGradient(parameters, gradient));

    private double Record(double loss)
    {
        Trace.Add([wall.Elapsed.TotalSeconds, ThreadClock.Seconds() - cpuStart, loss]);
        return loss;
    }
}
