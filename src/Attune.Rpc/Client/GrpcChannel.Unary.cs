using Attune.Rpc.Internal;
using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>Unary calls, with deadline and retry of idempotent methods on UNAVAILABLE.</summary>
public sealed partial class GrpcChannel
{
    /// <summary>
    /// Makes a unary call. A method marked <see cref="Method{TRequest,TResponse}.Idempotent"/> that fails with
    /// UNAVAILABLE is retried up to <see cref="GrpcChannelOptions.MaxRetryAttempts"/> attempts, after a random delay
    /// below an exponentially growing bound, within the deadline.
    /// </summary>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var frame = ClientProtocol.Frame(request, options, Options.MaxSendMessageSize);
        var token = options.CancellationToken;
        CancellationTokenSource? deadlineCts = null;
        if (options.Deadline is { } deadline && deadline - DateTime.UtcNow is var timeout && timeout < GrpcTimeout.MaxTimer)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded before the call started.");
            }

            deadlineCts = token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(token) : new CancellationTokenSource();
            deadlineCts.CancelAfter(timeout);
            token = deadlineCts.Token;
        }

        try
        {
            var backoff = Options.InitialBackoff;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await UnaryAttemptAsync(method, frame, options, token).ConfigureAwait(false);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && method.Idempotent && attempt < Options.MaxRetryAttempts)
                {
                    var delay = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * backoff.Ticks));
                    backoff = TimeSpan.FromTicks(Math.Min(Options.MaxBackoff.Ticks, (long)(backoff.Ticks * Options.BackoffMultiplier)));
                    try
                    {
                        await Task.Delay(delay, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        throw Cancelled(options);
                    }
                }
            }
        }
        finally
        {
            deadlineCts?.Dispose();
        }
    }

    private async Task<TResponse> UnaryAttemptAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, byte[] frame, CallOptions options, CancellationToken token)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        using var request = ClientProtocol.CreateRequest(method.GetUri(Address), options, new FramedContent(frame));
        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw token.IsCancellationRequested ? Cancelled(options) : ClientProtocol.MapTransportError(e);
        }

        using (response)
        {
            if (ClientProtocol.CheckHeaders(response) is { } early)
            {
                throw new RpcException(
                    early.Code == StatusCode.OK ? new Status(StatusCode.Internal, "The server sent no response message.") : early,
                    ClientProtocol.ReadMetadata(response.Headers));
            }

            var encoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.ToString() : null;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                using var reader = new StreamFrameReader(stream, Options.MaxReceiveMessageSize, encoding);
                var message = await reader.ReadAsync(method.ResponseParser, token).ConfigureAwait(false);
                if (message is not null && await reader.ReadAsync(method.ResponseParser, token).ConfigureAwait(false) is not null)
                {
                    throw new RpcException(StatusCode.Internal, "The server sent more than one message for a unary call.");
                }

                var status = ClientProtocol.ReadTrailerStatus(response);
                if (status.Code != StatusCode.OK)
                {
                    throw new RpcException(status, ClientProtocol.ReadMetadata(response.TrailingHeaders));
                }

                return message ?? throw new RpcException(StatusCode.Internal, "The server sent no response message.");
            }
            catch (Exception e) when (e is not RpcException)
            {
                throw token.IsCancellationRequested ? Cancelled(options) : ClientProtocol.MapTransportError(e);
            }
        }
    }

    private static RpcException Cancelled(in CallOptions options) =>
        options.CancellationToken.IsCancellationRequested
            ? new RpcException(StatusCode.Cancelled, "Call cancelled by the client.")
            : new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded.");
}
