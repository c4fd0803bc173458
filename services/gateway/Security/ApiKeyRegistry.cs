using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Attune.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Security;

/// <summary>
/// The configured API keys. A presented key is hashed with SHA-256 and compared with every configured hash in
/// constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>, no early exit), so neither the comparison nor
/// the position of the matching key shows in the timing.
/// </summary>
public sealed class ApiKeyRegistry : IDisposable
{
    /// <summary>Longest key accepted, in characters; longer ones are refused without hashing.</summary>
    public const int MaxKeyLength = 256;

    private readonly ApiKey[] _keys;

    /// <summary>Builds the keys and their token buckets from <paramref name="options"/>.</summary>
    public ApiKeyRegistry(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _keys = [.. settings.ApiKeys.Select(k => new ApiKey(
            k.Name,
            Convert.FromHexString(k.Sha256),
            CreateBucket(k.PermitsPerSecond ?? settings.RateLimit.PermitsPerSecond, k.Burst ?? settings.RateLimit.Burst)))];
    }

    /// <summary>Number of configured keys.</summary>
    public int Count => _keys.Length;

    /// <summary>The key matching <paramref name="presented"/>, or null.</summary>
    public ApiKey? Find(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > MaxKeyLength)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
        var length = Encoding.UTF8.GetBytes(presented, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                found ??= key;
            }
        }

        return found;
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="key"/>: what <c>Gateway:ApiKeys:N:Sha256</c> holds.</summary>
    public static string HashOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Limiter.Dispose();
        }
    }

    // Refills every 100 ms (or once per token when that is slower), so a bucket of N per second refills smoothly.
    private static TokenBucketRateLimiter CreateBucket(double permitsPerSecond, int burst)
    {
        var period = TimeSpan.FromMilliseconds(100);
        var tokens = permitsPerSecond / 10;
        if (tokens < 1)
        {
            period = TimeSpan.FromSeconds(1 / permitsPerSecond);
            tokens = 1;
        }

        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = (int)Math.Min(int.MaxValue, Math.Round(tokens)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
