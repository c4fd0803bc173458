using System.Globalization;
using Attune.Rpc;
using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Forwarding;

/// <summary>The bits of gRPC over HTTP/2 the gateway writes itself: statuses (Trailers-Only or trailers) and grpc-timeout.</summary>
public static class GrpcWire
{
    /// <summary>The gRPC content type.</summary>
    public const string ContentType = "application/grpc";

    /// <summary>True for a POST with an <c>application/grpc</c> content type (with or without a suffix or parameters).</summary>
    public static bool IsGrpcRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.ContentType;
        return HttpMethods.IsPost(request.Method)
            && type is not null
            && type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
            && (type.Length == ContentType.Length || type[ContentType.Length] is '+' or ';');
    }

    /// <summary>
    /// Ends the call with <paramref name="code"/>: a Trailers-Only response (status in the headers, no body) when nothing
    /// was sent yet, else trailers after what was sent.
    /// </summary>
    public static void WriteStatus(HttpResponse response, StatusCode code, string message, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var codeText = ((int)code).ToString(CultureInfo.InvariantCulture);
        var encoded = GrpcWireFormat.EncodeMessage(message);
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.Headers["grpc-status"] = codeText;
            response.Headers["grpc-message"] = encoded;
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = RetryAfterSeconds(wait);
            }

            return;
        }

        response.AppendTrailer("grpc-status", codeText);
        response.AppendTrailer("grpc-message", encoded);
    }

    /// <summary>Whole seconds, rounded up and at least 1, as the Retry-After header takes them.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
