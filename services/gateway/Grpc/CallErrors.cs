using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Grpc;

/// <summary>
/// The answers the gateway gives itself when it refuses or cannot forward a call: for gRPC a Trailers-Only response
/// (HTTP 200, <c>content-type: application/grpc</c>, <c>grpc-status</c> and <c>grpc-message</c> in the only HEADERS frame,
/// no body), which every gRPC client reads as that status; for the JSON routes the HTTP status and a body shaped like
/// the backends' transcoded errors (<c>google.rpc.Status</c>: <c>{"code": 16, "message": "...", "details": []}</c>).
/// </summary>
public static class CallErrors
{
    /// <summary>Whether <paramref name="request"/> is a gRPC call (its content type is <c>application/grpc</c> or a subtype).</summary>
    public static bool IsGrpc(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Ends the call with <paramref name="code"/>: Trailers-Only for gRPC, <paramref name="httpStatus"/> with a JSON body
    /// otherwise. In <c>grpc-message</c>, characters other than printable ASCII and <c>%</c> become <c>?</c>, so the
    /// message needs no percent-encoding.
    /// </summary>
    public static Task WriteAsync(HttpContext context, StatusCode code, int httpStatus, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        var response = context.Response;
        response.Headers.Remove("content-length");
        if (IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = string.Create(message.Length, message, static (span, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    span[i] = text[i] is >= ' ' and <= '~' and not '%' ? text[i] : '?';
                }
            });
            return Task.CompletedTask;
        }

        response.StatusCode = httpStatus;
        response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(response.Body, new ErrorBody((int)code, message, []), ErrorBodyContext.Default.ErrorBody,
            context.RequestAborted);
    }
}
