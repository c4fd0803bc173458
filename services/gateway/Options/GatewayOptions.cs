namespace Attune.Gateway.Options;

/// <summary>Settings of the gateway (configuration section <c>Gateway</c>); <see cref="Validate"/> names the key to fix.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway";

    /// <summary>The accepted API keys, as hashes. None configured: every call but health is refused.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>The default per-key rate limit.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Largest gRPC request message forwarded, in bytes (default 4 MiB); larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxRequestMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest REST request body, in bytes (default 1 MiB); larger ones are answered 413.</summary>
    public long MaxRestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Deadline of a REST request's backend call (default 30 s).</summary>
    public TimeSpan RestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The port that speaks HTTP/1.1 for browsers (the page and the JSON face); every other endpoint speaks h2c gRPC
    /// only. 0: none.
    /// </summary>
    public int WebPort { get; set; }

    /// <summary>
    /// Extra gRPC routes: fully qualified service name (e.g. <c>attune.testing.v1.EchoService</c>) to backend address.
    /// The attune.v1 services are routed from <c>Services:Feedback</c>, <c>Services:Trainer</c>, <c>Services:Adapter</c>
    /// and <c>Services:Generator</c>.
    /// </summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Checks every setting.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range; the message names its key.</exception>
    public void Validate()
    {
        if (MaxRequestMessageBytes < 1)
        {
            throw new InvalidOperationException($"Gateway:MaxRequestMessageBytes must be at least 1, got {MaxRequestMessageBytes}.");
        }

        if (MaxRestBodyBytes < 1)
        {
            throw new InvalidOperationException($"Gateway:MaxRestBodyBytes must be at least 1, got {MaxRestBodyBytes}.");
        }

        if (RestTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Gateway:RestTimeout must be positive, got {RestTimeout}.");
        }

        if (WebPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Gateway:WebPort must be 0 (none) or a port, got {WebPort}.");
        }

        CheckRate(RateLimit.PermitsPerSecond, RateLimit.Burst, "Gateway:RateLimit");
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            var path = $"Gateway:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                throw new InvalidOperationException($"{path}:Name is required.");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(Uri.IsHexDigit))
            {
                throw new InvalidOperationException($"{path}:Sha256 must be 64 hex digits (the SHA-256 of the key), for key '{key.Name}'.");
            }

            CheckRate(key.PermitsPerSecond ?? RateLimit.PermitsPerSecond, key.Burst ?? RateLimit.Burst, path);
        }

        foreach (var (service, address) in Routes)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"Gateway:Routes:{service} must be an http:// or https:// address, got '{address}'.");
            }
        }
    }

    private static void CheckRate(double permitsPerSecond, int burst, string path)
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
