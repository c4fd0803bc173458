using System.Threading.RateLimiting;
using Attune.Gateway.Security;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Attune.Gateway.RateLimiting;

/// <summary>The token bucket settings of a key, for the in-memory limiter and for the Redis one.</summary>
public static class Buckets
{
    /// <summary>
    /// An in-memory bucket refilled every 100 ms (or once per token when that is slower), so a bucket of N per second
    /// refills smoothly; no queueing: a call finds a token or is refused at once.
    /// </summary>
    public static TokenBucketRateLimiterOptions InMemory(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var period = TimeSpan.FromMilliseconds(100);
        var tokens = key.PermitsPerSecond / 10;
        if (tokens < 1)
        {
            period = TimeSpan.FromSeconds(1 / key.PermitsPerSecond);
            tokens = 1;
        }

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.Burst,
            TokensPerPeriod = (int)Math.Min(int.MaxValue, Math.Round(tokens)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>
    /// A bucket in Redis shared by every replica (RedisRateLimiting's token bucket, which counts time in whole seconds):
    /// refilled once a second, or once per token when that is slower.
    /// </summary>
    public static RedisTokenBucketRateLimiterOptions Redis(ApiKey key, IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(redis);
        var period = RefillPeriod(key);
        return new RedisTokenBucketRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            TokenLimit = key.Burst,
            TokensPerPeriod = key.PermitsPerSecond >= 1 ? (int)Math.Min(int.MaxValue, Math.Round(key.PermitsPerSecond)) : 1,
            ReplenishmentPeriod = period,
        };
    }

    /// <summary>How long until an empty bucket of <paramref name="key"/> holds a token again, in whole seconds (at least 1).</summary>
    public static TimeSpan RefillPeriod(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TimeSpan.FromSeconds(key.PermitsPerSecond >= 1 ? 1 : Math.Ceiling(1 / key.PermitsPerSecond));
    }
}
