using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Attune.Adapter.Rewards.Wire;
using Grpc.Core;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Adapter.Rewards;

/// <summary>
/// The HTTP side of the RL trainer faces: reads a JSON body, resolves whose reward is asked, and answers errors as the
/// JSON routes do (<c>{"code", "message", "details"}</c>, the message naming the field) with the HTTP status a trainer's
/// client acts on: 400 a bad field, 404 an unknown cluster, 413 a text over its size limit, 503 no model yet.
/// </summary>
public static class RewardHttp
{
    /// <summary>The header naming whose reward to serve when the body does not (a user id or <c>cluster:N</c>).</summary>
    public const string UserHeader = "x-attune-user";

    /// <summary>Reads the body; INVALID_ARGUMENT naming the JSON path of what could not be read.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted)
                ?? throw Invalid("body", "must be a JSON object, got null");
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw Invalid(path, $"is not what this route reads ({FirstSentence(e.Message)})");
        }
    }

    /// <summary>The header's target, or null when the request has none.</summary>
    public static RewardTarget? HeaderTarget(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[UserHeader];
        return string.IsNullOrWhiteSpace(value) ? null : RewardTarget.Parse(value.ToString(), UserHeader);
    }

    /// <summary>A text that may be empty (an empty generation is still scored) but must be present and within the size limit.</summary>
    public static string RequirePresent(string? value, string field)
    {
        if (value is null)
        {
            throw Invalid(field, "is required");
        }

        if (value.Length * 3 > MaxTextBytes && Encoding.UTF8.GetByteCount(value) > MaxTextBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{field}: exceeds {MaxTextBytes} bytes of UTF-8"));
        }

        return value;
    }

    /// <summary>Writes <paramref name="value"/> as the 200 reply.</summary>
    public static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    /// <summary>Runs <paramref name="handle"/>, answering its field errors as JSON.</summary>
    public static async Task RunAsync(HttpContext context, Func<HttpContext, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            await handle(context);
        }
        catch (RpcException e) when (!context.Response.HasStarted)
        {
            var status = e.StatusCode switch
            {
                StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.ResourceExhausted => StatusCodes.Status413PayloadTooLarge,
                StatusCode.FailedPrecondition => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "5";
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new RewardError((int)e.StatusCode, e.Status.Detail, []),
                RewardJsonContext.Default.RewardError, context.RequestAborted);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
