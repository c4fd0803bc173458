namespace Attune.Bench.Ml;

/// <summary>One timed row: seconds per call (wall and thread-CPU medians and minima) and bytes allocated per call.</summary>
internal sealed record Measurement(
    double MedianS, double MinS, double CpuMedianS, double CpuMinS, int Batch, int Repetitions, double AllocatedBytesPerCall)
{
    /// <summary>The same measurement per item when each call performs `count` operations.</summary>
    public Measurement PerItem(int count) => this with
    {
        MedianS = MedianS / count, MinS = MinS / count, CpuMedianS = CpuMedianS / count, CpuMinS = CpuMinS / count,
        AllocatedBytesPerCall = AllocatedBytesPerCall / count,
    };
}
