namespace Attune.Rpc;

/// <summary>The request stream of a client-streaming or duplex call. Writes must not overlap.</summary>
/// <typeparam name="T">The request message type.</typeparam>
public interface IClientStreamWriter<in T>
{
    /// <summary>Sends one message.</summary>
    /// <exception cref="RpcException">The call already ended with a non-OK status.</exception>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Ends the request stream; the server then sees the end of its request stream.</summary>
    Task CompleteAsync();
}
