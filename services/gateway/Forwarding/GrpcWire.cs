using System.Globalization;
using System.Text;
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
        var encoded = PercentEncode(message);
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

    /// <summary>Parses <c>grpc-timeout</c> (1-8 digits and a unit H, M, S, m, u or n); false when malformed.</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9)
        {
            return false;
        }

        long amount = 0;
        foreach (var c in value.AsSpan(0, value.Length - 1))
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => amount / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>grpc-message's percent-encoding: UTF-8 bytes outside printable ASCII, and '%', become %XX.</summary>
    public static string PercentEncode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var plain = true;
        foreach (var c in message)
        {
            if (c is < ' ' or > '~' or '%')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return message;
        }

        var text = new StringBuilder(message.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append((char)b);
            }
        }

        return text.ToString();
    }
}
