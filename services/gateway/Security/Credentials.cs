using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Security;

/// <summary>
/// Where a caller puts its API key: the <c>x-api-key</c> header (gRPC metadata) or <c>authorization: Bearer KEY</c>.
/// Neither header is forwarded to the backends.
/// </summary>
public static class Credentials
{
    /// <summary>The API key header.</summary>
    public const string ApiKeyHeader = "x-api-key";

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The presented key, or empty when there is none; <paramref name="fromAuthorization"/> tells whether it came in
    /// <c>authorization</c> (which is then not forwarded; otherwise <c>authorization</c> passes through untouched).
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

    /// <summary>The message for a call without a valid key: whether one was <paramref name="presented"/> decides which.</summary>
    public static string MissingKeyMessage(bool presented) => presented
        ? "The API key is not valid."
        : $"An API key is required: send it as {ApiKeyHeader} (or authorization: Bearer KEY).";

    /// <summary>The message for a call over the rate limit of <paramref name="key"/>.</summary>
    public static string RateLimitedMessage(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"Rate limit of key '{key.Name}' exceeded; retry later.";
    }
}
