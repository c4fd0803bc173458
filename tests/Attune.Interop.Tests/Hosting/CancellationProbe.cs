using System.Collections.Concurrent;
using Grpc.Core;

namespace Attune.Interop.Tests.Hosting;

/// <summary>
/// A server interceptor that records, per method, which calls saw <see cref="ServerCallContext.CancellationToken"/> fire
/// before the handler returned: how a test sees on the server side that a foreign client's cancel or deadline arrived.
/// </summary>
public sealed class CancellationProbe : IServerInterceptor
{
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Methods (full names) whose token fired while their handler ran, in order.</summary>
    public IReadOnlyCollection<string> Cancelled => _cancelled;

    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, Func<Task> next)
    {
        var method = context.Method;
        await using var registration = context.CancellationToken.Register(() =>
        {
            _cancelled.Enqueue(method);
            _signal.Release();
        });
        await next();
    }

    /// <summary>Waits until a call of a method ending in <paramref name="methodSuffix"/> has been cancelled.</summary>
    public async Task<bool> WaitForCancelledAsync(string methodSuffix, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!_cancelled.Any(m => m.EndsWith(methodSuffix, StringComparison.Ordinal)))
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                return _cancelled.Any(m => m.EndsWith(methodSuffix, StringComparison.Ordinal));
            }
        }

        return true;
    }
}
