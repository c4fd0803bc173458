using System.Threading.RateLimiting;

namespace Attune.Gateway.Security;

/// <summary>An accepted API key: its holder's name, the SHA-256 of the key, and the key's own token bucket.</summary>
public sealed class ApiKey
{
    internal ApiKey(string name, byte[] hash, RateLimiter limiter)
    {
        Name = name;
        Hash = hash;
        Limiter = limiter;
    }

    /// <summary>Who holds the key.</summary>
    public string Name { get; }

    /// <summary>SHA-256 of the key's UTF-8 bytes.</summary>
    internal byte[] Hash { get; }

    /// <summary>The key's token bucket.</summary>
    internal RateLimiter Limiter { get; }

    /// <summary>Takes one token; false (with the time until one is available) when the bucket is empty.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        using var lease = Limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }
}
