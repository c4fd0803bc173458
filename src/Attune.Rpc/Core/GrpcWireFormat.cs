using Attune.Rpc.Internal;

namespace Attune.Rpc;

/// <summary>
/// The pieces of the gRPC-over-HTTP/2 wire format (PROTOCOL-HTTP2.md) that a proxy needs without a whole server or
/// client: the <c>grpc-timeout</c> header, the percent-encoding of <c>grpc-message</c>, and the status of a response
/// that is not gRPC. The same code Attune.Rpc's server and client use.
/// </summary>
public static class GrpcWireFormat
{
    /// <summary>Parses <c>grpc-timeout</c> (1-8 digits and a unit H, M, S, m, u or n); false when it is malformed.</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout) => GrpcTimeout.TryParse(value, out timeout);

    /// <summary>Formats a <c>grpc-timeout</c> value; never less time than <paramref name="timeout"/>, negative as 0.</summary>
    public static string FormatTimeout(TimeSpan timeout) => GrpcTimeout.Format(timeout);

    /// <summary>grpc-message's percent-encoding: UTF-8 bytes outside printable ASCII, and '%', become %XX.</summary>
    public static string EncodeMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PercentEncoding.Encode(message);
    }

    /// <summary>The gRPC status of a response with a non-200 HTTP status, by PROTOCOL-HTTP2.md's table.</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => GrpcProtocol.FromHttpStatus(httpStatus);
}
