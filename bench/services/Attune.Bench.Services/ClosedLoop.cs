using System.Diagnostics;

namespace Attune.Bench.Services;

/// <summary>
/// A closed-loop load driver: <c>concurrency</c> workers each issue one call at a time, back to back, for a fixed time
/// after a warm-up; call i of the run gets the global sequence number i (so writes can be unique).
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(
        Func<long, CancellationToken, Task> call, int concurrency, TimeSpan duration, TimeSpan warmUp)
    {
        long sequence = 0;
        await RunPhaseAsync(call, concurrency, warmUp, () => Interlocked.Increment(ref sequence), record: false);
        return await RunPhaseAsync(call, concurrency, duration, () => Interlocked.Increment(ref sequence), record: true);
    }

    private static async Task<LoadResult> RunPhaseAsync(
        Func<long, CancellationToken, Task> call, int concurrency, TimeSpan duration, Func<long> next, bool record)
    {
        using var stop = new CancellationTokenSource(duration);
        var latencies = new List<double>[concurrency];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(next(), CancellationToken.None);
                    if (record)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(all.Length, errors, all, elapsed);
    }
}
