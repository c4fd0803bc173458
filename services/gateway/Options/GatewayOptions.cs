namespace Attune.Gateway.Options;

/// <summary>
/// Settings of the gateway (configuration section <c>Gateway</c>): keys, limits and ports. Routes and clusters are YARP's
/// own configuration (<c>ReverseProxy</c>); <see cref="Validate"/> names the key to fix.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway";

    /// <summary>The accepted API keys, as hashes. None configured: every proxied call is refused.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>The default per-key rate limit, and where buckets live.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Largest request body of a JSON (<c>/v1/...</c>) request, in bytes (default 1 MiB); larger ones are answered 413.
    /// gRPC calls have no total limit at the gateway (YARP lifts Kestrel's for gRPC streams, as Grpc.AspNetCore does):
    /// each backend limits every message (<c>Grpc:MaxReceiveMessageSize</c>) and answers RESOURCE_EXHAUSTED.
    /// </summary>
    public long MaxRestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether forwarded calls carry YARP's default <c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c> and <c>-Prefix</c>
    /// headers (default true, as YARP does; Attune's services read none of them, and turning them off made no
    /// measurable difference in bench/gateway).
    /// </summary>
    public bool ForwardedHeaders { get; set; } = true;

    /// <summary>The port that speaks HTTP/1.1 for browsers (the page and the JSON routes); every other endpoint speaks h2c. 0: none.</summary>
    public int WebPort { get; set; }

    /// <summary>
    /// Extra gRPC routes: fully qualified service name (e.g. <c>attune.testing.v1.EchoService</c>) to a backend address,
    /// keyed and limited like the attune.v1 routes (tests and benchmarks route the echo service this way).
    /// </summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Checks every setting.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range; the message names its key.</exception>
    public void Validate()
    {
        if (MaxRestBodyBytes < 1)
        {
            throw new InvalidOperationException($"Gateway:MaxRestBodyBytes must be at least 1, got {MaxRestBodyBytes}.");
        }

        if (WebPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Gateway:WebPort must be 0 (none) or a port, got {WebPort}.");
        }

        RateLimit.Validate("Gateway:RateLimit");
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            ApiKeys[i].Validate($"Gateway:ApiKeys:{i}", RateLimit);
        }

        foreach (var (service, address) in Routes)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"Gateway:Routes:{service} must be an http:// or https:// address, got '{address}'.");
            }
        }
    }
}
