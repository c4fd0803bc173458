namespace Attune.Rpc;

/// <summary>Writes a stream of response messages; each write is flushed to the client. Writes must not overlap.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
