namespace Attune.Gateway.Options;

/// <summary>
/// Every key's default token bucket (<c>Gateway:RateLimit</c>): one token per gRPC call or JSON request. Buckets live
/// in the gateway's memory, or in Redis when <see cref="Redis"/> is set, so that every replica draws on one budget.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Tokens added per second (sustained calls per second); default 50.</summary>
    public double PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size (the largest burst); default 100.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>A StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>); unset: buckets per replica, in memory.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the Redis keys of the buckets (the key's name follows); default <c>attune-gateway:</c>.</summary>
    public string RedisKeyPrefix { get; set; } = "attune-gateway:";

    /// <summary>Checks the defaults; <paramref name="path"/> is the section's path, for the message.</summary>
    public void Validate(string path) => CheckRate(PermitsPerSecond, Burst, path);

    /// <summary>Checks one bucket's settings.</summary>
    internal static void CheckRate(double permitsPerSecond, int burst, string path)
    {
        if (!double.IsFinite(permitsPerSecond) || permitsPerSecond <= 0)
        {
            throw new InvalidOperationException($"{path}:PermitsPerSecond must be positive, got {permitsPerSecond}.");
        }

        if (burst < 1)
        {
            throw new InvalidOperationException($"{path}:Burst must be at least 1, got {burst}.");
        }
    }
}
