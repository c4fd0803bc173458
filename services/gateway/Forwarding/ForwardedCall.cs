using Attune.Rpc;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// The state of one forwarded call: one token that ends every part of it (the client going away, the deadline, or the
/// gateway itself failing the call), and the status the gateway decided on, if it did.
/// </summary>
internal sealed class ForwardedCall : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationToken _clientAborted;
    private readonly long _deadlineTicks;
    private Status? _failure;

    public ForwardedCall(CancellationToken clientAborted, TimeSpan? timeout)
    {
        _clientAborted = clientAborted;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        if (timeout is { } t && t < TimeSpan.FromDays(24))
        {
            _deadlineTicks = Environment.TickCount64 + (long)t.TotalMilliseconds;
            _cts.CancelAfter(t);
        }
    }

    /// <summary>Fires when the call must end for any reason.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Ends the call with <paramref name="status"/> (the first failure wins).</summary>
    public void Fail(Status status)
    {
        lock (_cts)
        {
            _failure ??= status;
        }

        _cts.Cancel();
    }

    /// <summary>
    /// The status to answer after an error broke the call: the gateway's own failure, DEADLINE_EXCEEDED,
    /// or UNAVAILABLE with <paramref name="unavailable"/>; null when the client went away (there is no one to answer).
    /// </summary>
    public Status? Outcome(string unavailable)
    {
        lock (_cts)
        {
            if (_failure is { } failure)
            {
                return failure;
            }
        }

        if (_clientAborted.IsCancellationRequested)
        {
            return null;
        }

        if (_deadlineTicks != 0 && Environment.TickCount64 >= _deadlineTicks - 1)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }

        return new Status(StatusCode.Unavailable, unavailable);
    }

    public void Dispose() => _cts.Dispose();
}
