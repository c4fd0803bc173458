namespace Attune.Rpc;

/// <summary>A stream of messages read one at a time: request streams on the server, response streams on the client.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    /// <exception cref="RpcException">The stream failed (malformed frame, oversized message, or a non-OK call status).</exception>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}
