using System.Net;

namespace Attune.Rpc;

/// <summary>
/// A request body written message by message while the call runs (client-streaming and duplex calls): the handler
/// hands over its stream, writers push frames into it, and <see cref="Complete"/> ends the body.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushStreamContent()
    {
        Headers.ContentType = ClientProtocol.ContentTypeValue;
    }

    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>Ends the request body (normally, or because the call is over).</summary>
    public void Complete()
    {
        _stream.TrySetCanceled();
        _done.TrySetResult();
    }

    /// <summary>
    /// Abandons the request body because the call failed or was cancelled: the send fails, so the HTTP/2 stream is reset
    /// (RST_STREAM) instead of ended normally, and the server sees the call cancelled rather than its input complete.
    /// </summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _done.TrySetException(new OperationCanceledException("The call ended before its request stream was complete."));
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
