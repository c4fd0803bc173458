using Attune.Gateway.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Attune.Gateway.RateLimiting;

/// <summary>
/// The one connection to Redis (<c>Gateway:RateLimit:Redis</c>) that the shared buckets use, opened at the first call
/// and kept; it reconnects by itself when Redis comes back.
/// </summary>
public sealed class RedisConnection(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var configuration = ConfigurationOptions.Parse(options.Value.RateLimit.Redis!);
        configuration.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(configuration);
    });

    /// <summary>Whether a Redis connection string is configured.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.RateLimit.Redis);

    /// <summary>The connection.</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
