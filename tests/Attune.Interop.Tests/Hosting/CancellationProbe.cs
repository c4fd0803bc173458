using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Attune.Interop.Tests.Hosting;

/// <summary>
/// A server interceptor that records, per method, which calls saw <see cref="ServerCallContext.CancellationToken"/> fire
/// before the handler returned: how a test sees on the server side that a foreign client's cancel or deadline arrived.
/// </summary>
public sealed class CancellationProbe : Interceptor
{
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly ConcurrentQueue<string> _ended = new();
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Methods (full names) whose token fired while their handler ran, in order.</summary>
    public IReadOnlyCollection<string> Cancelled => _cancelled;

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Watch(context, () => continuation(request, context));

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Watch(context, () => continuation(requestStream, context));

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Watch(context, async () => { await continuation(request, responseStream, context); return true; });

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Watch(context, async () => { await continuation(requestStream, responseStream, context); return true; });

    /// <summary>Waits until a call of a method ending in <paramref name="methodSuffix"/> has been cancelled.</summary>
    public Task<bool> WaitForCancelledAsync(string methodSuffix, TimeSpan timeout) => WaitForAsync(_cancelled, methodSuffix, timeout);

    /// <summary>
    /// Waits until a handler of a method ending in <paramref name="methodSuffix"/> has returned or failed, cancelled or
    /// not: the server is no longer waiting on the call.
    /// </summary>
    public Task<bool> WaitForEndedAsync(string methodSuffix, TimeSpan timeout) => WaitForAsync(_ended, methodSuffix, timeout);

    private async Task<bool> WaitForAsync(ConcurrentQueue<string> seen, string methodSuffix, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!seen.Any(m => m.EndsWith(methodSuffix, StringComparison.Ordinal)))
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                return seen.Any(m => m.EndsWith(methodSuffix, StringComparison.Ordinal));
            }
        }

        return true;
    }

    private async Task<T> Watch<T>(ServerCallContext context, Func<Task<T>> next)
    {
        var method = context.Method;
        await using var registration = context.CancellationToken.Register(() =>
        {
            _cancelled.Enqueue(method);
            _signal.Release();
        });
        try
        {
            return await next();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !context.CancellationToken.IsCancellationRequested)
        {
            // A client's RST_STREAM (IOException "The client reset the request stream") or a closed connection
            // (ConnectionAbortedException, an OperationCanceledException) makes Kestrel fail the request body read and
            // queue RequestAborted to the thread pool: a handler awaiting the next message can fail before the token
            // fires. Hold the failed call until the token fires (bounded, for an I/O failure that is no cancellation),
            // so the probe records the cancellation the server did get.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            throw;
        }
        finally
        {
            _ended.Enqueue(method);
            _signal.Release();
        }
    }
}
