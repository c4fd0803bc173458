using System.Globalization;
using System.Threading.RateLimiting;
using Attune.Gateway.Grpc;
using Attune.Gateway.Options;
using Attune.Gateway.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;

namespace Attune.Gateway.RateLimiting;

/// <summary>
/// The <see cref="ApiKeyDefaults.RateLimiterPolicy"/> policy of ASP.NET Core's rate limiting middleware: one token
/// bucket per API key (partitioned by the authenticated key's name), in memory or, with <c>Gateway:RateLimit:Redis</c>,
/// in Redis shared by every replica. A refused call gets RESOURCE_EXHAUSTED (gRPC, Trailers-Only) or 429 (JSON), both
/// with <c>retry-after</c> in seconds.
/// </summary>
public sealed class ApiKeyRateLimiterPolicy(ApiKeyRegistry keys, RedisConnection redis, IOptions<GatewayOptions> options)
    : IRateLimiterPolicy<string>
{
    private readonly string _redisPrefix = options.Value.RateLimit.RedisKeyPrefix;

    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // Every route with this policy also requires a key, so authorization has refused a call without one already.
        var key = keys.ByName(httpContext.User.Identity?.Name);
        if (key is null)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return redis.Configured
            ? RedisRateLimitPartition.GetTokenBucketRateLimiter(_redisPrefix + key.Name, _ => Buckets.Redis(key, redis.Multiplexer))
            : RateLimitPartition.GetTokenBucketLimiter(key.Name, _ => Buckets.InMemory(key));
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var key = keys.ByName(http.User.Identity?.Name);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? retryAfter
            : key is null ? TimeSpan.FromSeconds(1) : Buckets.RefillPeriod(key);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.RetryAfter = seconds;
        await CallErrors.WriteAsync(http, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests,
            $"The rate limit of this API key is exceeded; retry after {seconds} s.");
    }
}
