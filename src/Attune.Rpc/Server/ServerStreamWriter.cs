using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>Writes response messages to the HTTP/2 response body, flushing each one.</summary>
internal sealed class ServerStreamWriter<T>(ServerCallContext context) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = cancellationToken.CanBeCanceled ? cancellationToken : context.CancellationToken;
        return context.WriteMessageAsync(message, flush: true, token);
    }
}
