namespace Attune.Rpc;

/// <summary>The outcome of a gRPC call: a code and a human-readable detail (sent percent-encoded in <c>grpc-message</c>).</summary>
/// <param name="Code">The status code.</param>
/// <param name="Detail">The detail message; empty when there is none.</param>
public readonly record struct Status(StatusCode Code, string Detail)
{
    /// <summary>The status of a successful call.</summary>
    public static readonly Status Ok = new(StatusCode.OK, string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";
}
