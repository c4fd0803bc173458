using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Security;

/// <summary>
/// Where a caller puts its API key: the <c>x-api-key</c> header (gRPC metadata) or <c>authorization: Bearer KEY</c>.
/// Neither is forwarded to the backends (<see cref="Proxy.KeyHeadersTransform"/>).
/// </summary>
public static class Credentials
{
    /// <summary>The API key header.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The key came in <c>authorization</c>: an <see cref="HttpContext.Items"/> entry, so the header is not forwarded.</summary>
    public const string FromAuthorizationItem = "Attune.Gateway.KeyFromAuthorization";

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The presented key, or empty when there is none; <paramref name="fromAuthorization"/> tells whether it came in
    /// <c>authorization</c> (which passes through untouched otherwise).
    /// </summary>
    public static ReadOnlySpan<char> Read(IHeaderDictionary headers, out bool fromAuthorization)
    {
        ArgumentNullException.ThrowIfNull(headers);
        fromAuthorization = false;
        if (headers.TryGetValue(ApiKeyHeader, out var key) && key.Count == 1)
        {
            return key[0].AsSpan().Trim();
        }

        if (headers.TryGetValue("authorization", out var authorization) && authorization.Count == 1
            && authorization[0] is { } value && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            fromAuthorization = true;
            return value.AsSpan(BearerPrefix.Length).Trim();
        }

        return [];
    }

    /// <summary>The message for a call without a key.</summary>
    public const string MissingKeyMessage = "An API key is required: send it as x-api-key (or authorization: Bearer KEY).";

    /// <summary>The message for a call with a key that is not configured.</summary>
    public const string InvalidKeyMessage = "The API key is not valid.";
}
