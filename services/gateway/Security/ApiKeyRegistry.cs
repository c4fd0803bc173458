using System.Security.Cryptography;
using System.Text;
using Attune.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Security;

/// <summary>
/// The configured API keys. A presented key is hashed with SHA-256 and compared with every configured hash in
/// constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>, no early exit), so neither the comparison nor
/// the position of the matching key shows in the timing.
/// </summary>
public sealed class ApiKeyRegistry
{
    /// <summary>Longest key accepted, in characters; longer ones are refused without hashing.</summary>
    public const int MaxKeyLength = 256;

    private readonly ApiKey[] _keys;
    private readonly Dictionary<string, ApiKey> _byName;

    /// <summary>Reads the keys from <paramref name="options"/>.</summary>
    public ApiKeyRegistry(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _keys = [.. settings.ApiKeys.Select(k => new ApiKey(
            k.Name,
            Convert.FromHexString(k.Sha256),
            k.PermitsPerSecond ?? settings.RateLimit.PermitsPerSecond,
            k.Burst ?? settings.RateLimit.Burst))];
        _byName = _keys.GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
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

    /// <summary>The key named <paramref name="name"/> (the user name of an authenticated call), or null.</summary>
    public ApiKey? ByName(string? name) => name is not null && _byName.TryGetValue(name, out var key) ? key : null;

    /// <summary>The lower-case hex SHA-256 of <paramref name="key"/>: what <c>Gateway:ApiKeys:N:Sha256</c> holds.</summary>
    public static string HashOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
