namespace Attune.Gateway.Options;

/// <summary>The default token bucket of every key (<c>Gateway:RateLimit</c>): one token per gRPC call or REST request.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Tokens added per second (sustained calls per second); default 50.</summary>
    public double PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size (the largest burst); default 100.</summary>
    public int Burst { get; set; } = 100;
}
