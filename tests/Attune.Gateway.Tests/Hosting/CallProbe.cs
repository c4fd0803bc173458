using System.Collections.Concurrent;
using Attune.Rpc;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// A server interceptor on the backend: records the request metadata of every call and, per method, the calls whose
/// cancellation token fired while the handler ran (how a test sees that a reset or deadline reached the backend).
/// </summary>
public sealed class CallProbe : IServerInterceptor
{
    private readonly ConcurrentQueue<Metadata> _headers = new();
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>The request metadata of each call, in arrival order.</summary>
    public IReadOnlyCollection<Metadata> Headers => _headers;

    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, Func<Task> next)
    {
        _headers.Enqueue(context.RequestHeaders);
        var method = context.Method;
        await using var registration = context.CancellationToken.Register(() =>
        {
            _cancelled.Enqueue(method);
            _signal.Release();
        });
        await next();
    }

    /// <summary>Waits until a call of a method ending in <paramref name="suffix"/> was cancelled; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForCancelledAsync(string suffix, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!_cancelled.Any(m => m.EndsWith(suffix, StringComparison.Ordinal)))
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                return _cancelled.Any(m => m.EndsWith(suffix, StringComparison.Ordinal));
            }
        }

        return true;
    }
}
