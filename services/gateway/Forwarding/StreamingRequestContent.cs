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
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.Token);
        while (true)
        {
            var result = await body.ReadAsync(both.Token).ConfigureAwait(false);
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
                    await stream.WriteAsync(segment, both.Token).ConfigureAwait(false);
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

            await stream.FlushAsync(both.Token).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
