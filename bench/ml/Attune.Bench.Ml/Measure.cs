using System.Diagnostics;

namespace Attune.Bench.Ml;

/// <summary>
/// Seconds per call over repeated batches after a time-based warm-up (so tiered JIT has finished), as the median of
/// wall time and of this thread's CPU time, with bytes allocated per call.
/// </summary>
internal static class Measure
{
    public static Measurement Run(Action action, int repetitions, double minBatchSeconds = 0.01, double warmupSeconds = 0.5)
    {
        // Warm-up by CPU time as well as wall time: on a loaded machine a wall-clock warm-up may give the tiered JIT too few
        // calls to reach its optimised code.
        var clock = Stopwatch.StartNew();
        double cpuStart = ThreadClock.Seconds();
        long calls = 0;
        while (clock.Elapsed.TotalSeconds < warmupSeconds || ThreadClock.Seconds() - cpuStart < 0.5 * warmupSeconds || calls < 3)
        {
            action();
            calls++;
        }

        double perCall = (ThreadClock.Seconds() - cpuStart) / calls;
        int batch = (int)Math.Clamp(minBatchSeconds / Math.Max(perCall, 1e-9), 1, int.MaxValue);
        var wall = new double[repetitions];
        var cpu = new double[repetitions];
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < repetitions; r++)
        {
            double batchCpuStart = ThreadClock.Seconds();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                action();
            }

            wall[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / batch;
            cpu[r] = (ThreadClock.Seconds() - batchCpuStart) / batch;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new Measurement(Median(wall), wall.Min(), Median(cpu), cpu.Min(), batch, repetitions, (double)allocated / ((long)batch * repetitions));
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
