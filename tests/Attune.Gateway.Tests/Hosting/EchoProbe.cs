using System.Collections.Concurrent;
using Grpc.Core;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>What the echo backend saw: each call's request metadata and deadline, and which calls were cancelled, by their message.</summary>
public sealed class EchoProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new(StringComparer.Ordinal);

    /// <summary>Request metadata by the call's message.</summary>
    public ConcurrentDictionary<string, Metadata> Headers { get; } = new(StringComparer.Ordinal);

    /// <summary>The deadline each call arrived with, by the call's message.</summary>
    public ConcurrentDictionary<string, DateTime> Deadlines { get; } = new(StringComparer.Ordinal);

    /// <summary>Records a call named <paramref name="message"/> and watches its cancellation token.</summary>
    public void Saw(string message, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Headers[message] = context.RequestHeaders;
        Deadlines[message] = context.Deadline;
        var cancelled = Cancelled(message);
        context.CancellationToken.Register(() => cancelled.TrySetResult());
    }

    /// <summary>Completes when the backend's cancellation token of the call named <paramref name="message"/> fires.</summary>
    public TaskCompletionSource Cancelled(string message) =>
        _cancelled.GetOrAdd(message, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
