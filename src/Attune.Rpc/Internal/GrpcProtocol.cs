using System.Globalization;

namespace Attune.Rpc.Internal;

/// <summary>Header names and values of the gRPC over HTTP/2 protocol, precomputed once.</summary>
internal static class GrpcProtocol
{
    public const int HeaderSize = 5;
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string SupportedEncodings = "identity,gzip";
    public const string UserAgent = "grpc-dotnet-attune/1.0";

    private static readonly string[] StatusText = CreateStatusText();

    /// <summary>The decimal text of a status code, without allocating.</summary>
    public static string StatusCodeText(StatusCode code)
    {
        var i = (int)code;
        return (uint)i < (uint)StatusText.Length ? StatusText[i] : i.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True for <c>application/grpc</c>, <c>application/grpc+proto</c> and the like, with optional parameters.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>True for headers the protocol owns, which are not exposed as call metadata.</summary>
    public static bool IsReservedHeader(string key) =>
        key.Length == 0
        || key[0] == ':'
        || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "content-type", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "te", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "host", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "content-length", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "accept-encoding", StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps a non-200 HTTP status to a gRPC code, as PROTOCOL-HTTP2.md's table does.</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static string[] CreateStatusText()
    {
        var text = new string[17];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }
}
