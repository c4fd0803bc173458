namespace Attune.Rpc;

/// <summary>
/// A gRPC call ended with a non-OK status. Thrown by clients for a failed call, and thrown by service handlers to end a
/// call with a chosen status (its <see cref="Trailers"/> are sent with it).
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception for <paramref name="status"/> with no trailers.</summary>
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    /// <summary>Creates an exception for <paramref name="status"/> carrying <paramref name="trailers"/>.</summary>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? throw new ArgumentNullException(nameof(trailers));
    }

    /// <summary>Creates an exception for a code and detail.</summary>
    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    /// <summary>The call's status.</summary>
    public Status Status { get; }

    /// <summary>The status code, shorthand for <c>Status.Code</c>.</summary>
    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailing metadata sent (server) or received (client) with the status.</summary>
    public Metadata Trailers { get; }
}
