using System.Text.Json;
using Attune.Rpc;
using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Rest;

/// <summary>
/// JSON error bodies of the REST face, shaped like Google APIs' errors:
/// <c>{"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "user_id: is required"}}</c>.
/// </summary>
public static class RestErrors
{
    /// <summary>Writes an error with the HTTP status <paramref name="httpStatus"/>.</summary>
    public static Task WriteAsync(HttpContext http, int httpStatus, StatusCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = httpStatus;
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["error"] = new Dictionary<string, object> { ["code"] = httpStatus, ["status"] = StatusName(code), ["message"] = message },
        });
        return http.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Writes <paramref name="error"/> with its mapped HTTP status.</summary>
    public static Task WriteAsync(HttpContext http, RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(http, HttpStatusMapping.ToHttp(error.StatusCode), error.StatusCode, error.Status.Detail);
    }

    /// <summary>The canonical name of a code, e.g. <c>INVALID_ARGUMENT</c>.</summary>
    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };
}
