using System.IO.Pipelines;
using System.Net;
using Attune.Rpc;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// The client's request body, passed to the backend as it arrives: each read is written and flushed at once (never a
/// whole message held back), while a <see cref="GrpcFrameMeter"/> enforces the message size limit on the way.
/// </summary>
internal sealed class StreamingRequestContent(PipeReader body, ForwardedCall call, int maxMessageBytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var meter = new GrpcFrameMeter(maxMessageBytes);
        // The handler's own token fires when the backend stream ends early: it ends the pending read (linking it with the
        // call's token would cost a token source per call).
        await using var registration = cancellationToken.UnsafeRegister(static state => ((PipeReader)state!).CancelPendingRead(), body);
        var token = call.Token;
        var result = await body.ReadAsync(token).ConfigureAwait(false);
        while (true)
        {
            var buffer = result.Buffer;
            try
            {
                if (!meter.Observe(buffer))
                {
                    call.Fail(new Status(
                        StatusCode.ResourceExhausted,
                        $"Request message of {meter.Announced} bytes exceeds the gateway's limit of {maxMessageBytes} bytes."));
                    throw new OperationCanceledException(call.Token);
                }

                foreach (var segment in buffer)
                {
                    await stream.WriteAsync(segment, token).ConfigureAwait(false);
                }
            }
            finally
            {
                body.AdvanceTo(buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }

            // A unary request's end usually arrives with its message: then the handler's END_STREAM carries it out, and a
            // flush of its own would only cost a write.
            if (!body.TryRead(out result))
            {
                await stream.FlushAsync(token).ConfigureAwait(false);
                result = await body.ReadAsync(token).ConfigureAwait(false);
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
