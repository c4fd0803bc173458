namespace Attune.Bench.Services;

/// <summary>What one closed-loop run measured: calls completed, failures, per-call latencies (ms, sorted) and wall time.</summary>
internal sealed record LoadResult(long Calls, long Errors, double[] LatenciesMs, TimeSpan Elapsed)
{
    public double PerSecond => Calls / Elapsed.TotalSeconds;

    public double Percentile(double p) =>
        LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(p * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}
