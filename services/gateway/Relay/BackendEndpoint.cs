using System.Collections.Concurrent;
using System.Net;

namespace Attune.Gateway.Relay;

/// <summary>
/// The pool of HTTP/2 connections to one backend address: calls share a connection until it reaches the backend's
/// stream limit, then a second one opens, and so on; one connection is being opened at a time. A connection that
/// fails or goes away leaves the pool, and the next call opens a new one.
/// </summary>
internal sealed class BackendEndpoint
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private readonly List<BackendConnection> _connections = [];
    private readonly Func<Uri> _address;
    private readonly ConcurrentDictionary<int, byte>? _ownPorts;
    private Task<BackendConnection>? _connecting;

    /// <summary>
    /// A pool for the address <paramref name="address"/> gives (asked at each connect). With <paramref name="ownPorts"/>,
    /// connections bind a loopback port first and record it there, so the gateway's listener can tell its own
    /// connections from clients' (the gateway's own server is reached this way).
    /// </summary>
    public BackendEndpoint(Func<Uri> address, ConcurrentDictionary<int, byte>? ownPorts = null)
    {
        _address = address;
        _ownPorts = ownPorts;
    }

    /// <summary>The address to connect to.</summary>
    public Uri Address => _address();

    /// <summary>The local end to bind before connecting, or null.</summary>
    public IPEndPoint? LocalBind => _ownPorts is null
        ? null
        : new IPEndPoint(IPAddress.TryParse(Address.Host.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0);

    /// <summary>The HTTP/2 :scheme and :authority for requests on this backend.</summary>
    public (string Scheme, string Authority) Target
    {
        get
        {
            var address = Address;
            return (address.Scheme, address.Authority);
        }
    }

    /// <summary>Records the local end a connection bound (see <see cref="LocalBind"/>).</summary>
    public void OnBound(IPEndPoint local) => _ownPorts?.TryAdd(local.Port, 0);

    /// <summary>A connection that takes new calls now, or one being opened.</summary>
    public ValueTask<BackendConnection> GetAsync()
    {
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                if (connection.CanOpen)
                {
                    return new ValueTask<BackendConnection>(connection);
                }
            }

            _connecting ??= ConnectAsync();
            return new ValueTask<BackendConnection>(_connecting);
        }
    }

    /// <summary>Takes a connection that failed or is draining out of the pool.</summary>
    public void Forget(BackendConnection connection)
    {
        lock (_lock)
        {
            _connections.Remove(connection);
        }

        if (connection.LocalPort is { } port)
        {
            _ownPorts?.TryRemove(port, out _);
        }
    }

    /// <summary>Closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        BackendConnection[] all;
        lock (_lock)
        {
            all = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in all)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<BackendConnection> ConnectAsync()
    {
        await Task.Yield();
        try
        {
            var connection = await BackendConnection.ConnectAsync(this, ConnectTimeout, CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                _connections.Add(connection);
                _connecting = null;
            }

            return connection;
        }
        catch
        {
            lock (_lock)
            {
                _connecting = null;
            }

            throw;
        }
    }
}
