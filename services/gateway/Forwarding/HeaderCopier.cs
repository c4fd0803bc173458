using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// Copies gRPC metadata across the gateway: everything but pseudo-headers, hop-by-hop headers (RFC 9110 section 7.6.1 and
/// those HTTP/2 forbids), the gateway's API key, and headers the HTTP layer sets itself.
/// </summary>
internal static class HeaderCopier
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer",
        "proxy-authenticate", "proxy-authorization", "host", "content-length", Security.Credentials.ApiKeyHeader,
    };

    /// <summary>Request metadata onto the backend request; <c>te: trailers</c> is set again, as gRPC requires.</summary>
    public static void CopyRequest(IHeaderDictionary from, HttpRequestMessage to, bool dropAuthorization)
    {
        var headers = to.Headers;
        foreach (var (key, value) in from)
        {
            if (key.Length == 0 || key[0] == ':' || NotForwarded.Contains(key)
                || (dropAuthorization && key.Equals("authorization", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (key.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                to.Content!.Headers.TryAddWithoutValidation(key, value.ToString());
                continue;
            }

            if (value.Count == 1)
            {
                headers.TryAddWithoutValidation(key, value.ToString());
            }
            else
            {
                headers.TryAddWithoutValidation(key, (IEnumerable<string?>)value);
            }
        }

        headers.TryAddWithoutValidation("te", "trailers");
    }

    /// <summary>Backend response headers (and content headers such as content-type) onto the client's response.</summary>
    public static void CopyResponse(HttpResponseMessage from, HttpResponse to)
    {
        Copy(from.Headers.NonValidated, to.Headers);
        Copy(from.Content.Headers.NonValidated, to.Headers);
    }

    /// <summary>Backend trailers onto the client's response trailers.</summary>
    public static void CopyTrailers(HttpResponseMessage from, HttpResponse to)
    {
        foreach (var (key, values) in from.TrailingHeaders.NonValidated)
        {
            if (NotForwarded.Contains(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                to.AppendTrailer(key, value);
            }
        }
    }

    /// <summary>Whether the backend's trailers carry a grpc-status.</summary>
    public static bool HasStatus(HttpHeadersNonValidated headers) => headers.Contains("grpc-status");

    private static void Copy(HttpHeadersNonValidated from, IHeaderDictionary to)
    {
        foreach (var (key, values) in from)
        {
            if (NotForwarded.Contains(key))
            {
                continue;
            }

            to[key] = values.Count == 1 ? values.ToString() : values.ToArray();
        }
    }
}
