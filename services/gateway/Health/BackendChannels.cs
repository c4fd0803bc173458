using System.Collections.Concurrent;
using Grpc.Net.Client;

namespace Attune.Gateway.Health;

/// <summary>One gRPC channel per backend address, for the gateway's own health checks of its backends (never for forwarding).</summary>
public sealed class BackendChannels : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The channel to <paramref name="address"/>.</summary>
    public GrpcChannel For(string address) => _channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), EnableMultipleHttp2Connections = false },
        MaxRetryAttempts = 0,
    }));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
