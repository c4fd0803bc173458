namespace Attune.Rpc;

/// <summary>
/// The deadline of a call with <c>grpc-timeout</c>: when it passes, the token fires and the response is ended with
/// DEADLINE_EXCEEDED at once, as a real server does, even if the handler carries on. Writes then go through a gate so
/// the deadline response never interleaves with a handler's write.
/// </summary>
public sealed partial class ServerCallContext
{
    private void StartDeadline(TimeSpan timeout)
    {
        Deadline = DateTime.UtcNow + timeout;
        _gate = new SemaphoreSlim(1, 1);
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        CancellationToken = _deadlineCts.Token;
        _deadlineRegistration = _deadlineCts.Token.UnsafeRegister(static state => ((ServerCallContext)state!).OnDeadline(), this);
        _deadlineCts.CancelAfter(timeout);
    }

    private void OnDeadline()
    {
        if (!HttpContext.RequestAborted.IsCancellationRequested)
        {
            _deadlineTask = CompleteOnDeadlineAsync();
        }
    }

    private async Task CompleteOnDeadlineAsync()
    {
        await _gate!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            DeadlineFired = true;
            WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."));
            await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception) when (HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away while the deadline response was being written; nothing is left to tell it.
        }
        finally
        {
            _gate.Release();
        }
    }

    private ValueTask EnterWriteAsync() => _gate is null ? default : new ValueTask(_gate.WaitAsync());

    private void ExitWrite() => _gate?.Release();
}
