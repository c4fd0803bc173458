namespace Attune.Gateway.Options;

/// <summary>
/// One API key as configured (<c>Gateway:ApiKeys:N:Name</c>, <c>...:Sha256</c>): only the SHA-256 of the key is stored,
/// never the key. Make one with <c>printf %s "$KEY" | sha256sum</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key (the partition of its rate limit; shown in logs, never the key itself).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes (64 characters).</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>This key's sustained rate in calls per second; null uses <see cref="RateLimitOptions.PermitsPerSecond"/>.</summary>
    public double? PermitsPerSecond { get; set; }

    /// <summary>This key's burst (bucket size); null uses <see cref="RateLimitOptions.Burst"/>.</summary>
    public int? Burst { get; set; }

    /// <summary>Checks the key's settings; <paramref name="path"/> is its configuration path, for the message.</summary>
    public void Validate(string path, RateLimitOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new InvalidOperationException($"{path}:Name is required.");
        }

        if (Sha256.Length != 64 || !Sha256.All(Uri.IsHexDigit))
        {
            throw new InvalidOperationException($"{path}:Sha256 must be 64 hex digits (the SHA-256 of the key), for key '{Name}'.");
        }

        RateLimitOptions.CheckRate(PermitsPerSecond ?? defaults.PermitsPerSecond, Burst ?? defaults.Burst, path);
    }
}
