using System.Collections.Concurrent;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>What the probe services and interceptors saw, for tests to assert on.</summary>
public sealed class CallProbe
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ConcurrentQueue<string> Log { get; } = new();

    public TaskCompletionSource<bool> HandlerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<DateTime> SeenDeadline { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int CountCall() => Interlocked.Increment(ref _calls);
}
