using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Attune.Gateway.Forwarding;
using Attune.Gateway.Options;
using Attune.Gateway.Security;
using Attune.Rpc;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Relay;

/// <summary>
/// The gateway's gRPC front: an HTTP/2 relay that owns every h2c connection clients open (Kestrel accepts the socket
/// and hands it over). Each call of a routed service is authenticated (API key, constant-time), rate limited and relayed
/// frame by frame to a pooled, multiplexed backend connection: metadata, trailers, streaming both ways, cancellation
/// (RST_STREAM) and flow control pass through; grpc-timeout is passed on and also enforced here. Everything else (the
/// gateway's own health and reflection, unknown services, HTTP requests on the gRPC port) is relayed untouched to the
/// gateway's own Kestrel pipeline over a loopback connection the relay recognises as its own.
/// </summary>
public sealed class Http2Relay : IAsyncDisposable
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";
    private static readonly Backend Self = new("the gateway's own server", string.Empty, null);

    private readonly ApiKeyRegistry _keys;
    private readonly BackendRoutes _routes;
    private readonly IServiceProvider _services;
    private readonly ILogger<Http2Relay> _logger;
    private readonly GatewayOptions _options;
    private readonly Dictionary<Backend, BackendEndpoint> _endpoints = [];
    private readonly ConcurrentDictionary<int, byte> _ownPorts = new();
    private readonly BackendEndpoint _self;
    private Uri? _selfAddress;

    /// <summary>The relay for <paramref name="routes"/>, checking <paramref name="keys"/>.</summary>
    public Http2Relay(
        ApiKeyRegistry keys, BackendRoutes routes, IOptions<GatewayOptions> options, IServiceProvider services, ILogger<Http2Relay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(routes);
        _keys = keys;
        _routes = routes;
        _services = services;
        _logger = logger;
        _options = options.Value;
        foreach (var backend in routes.All)
        {
            if (backend.Address is { } address)
            {
                _endpoints[backend] = new BackendEndpoint(() => address);
            }
        }

        _self = new BackendEndpoint(SelfAddress, _ownPorts);
    }

    /// <summary>
    /// Whether <paramref name="connection"/> was opened by the relay itself to the gateway's own server (it is then
    /// served by Kestrel's HTTP/2, not relayed again).
    /// </summary>
    public bool IsOwnConnection(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RemoteEndPoint is IPEndPoint remote && IPAddress.IsLoopback(remote.Address) && _ownPorts.ContainsKey(remote.Port);
    }

    /// <summary>Serves a client's connection until it ends.</summary>
    public Task OnConnectedAsync(ConnectionContext connection) => new ClientConnection(this).RunAsync(connection);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }

        await _self.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Decides what happens to a new call: answered here (no key, over the rate limit, backend without an address:
    /// null), or a <see cref="RelayStream"/> to open with <see cref="Open"/>.
    /// </summary>
    internal RelayStream? Start(ClientConnection client, int streamId, RequestHead head, bool endStream)
    {
        var grpc = head.IsPost && head.IsGrpc;
        if (!grpc || !TryRoute(head.Path, out var backend))
        {
            return new RelayStream(client, streamId, Self, grpc: false, _options.MaxRequestMessageBytes);
        }

        var key = FindKey(head);
        if (key is null)
        {
            RelayStream.Answer(client, streamId, endStream, StatusCode.Unauthenticated, Credentials.MissingKeyMessage(head.KeyCount > 0 || head.HasAuthorization));
            return null;
        }

        if (!key.TryAcquire(out var retryAfter))
        {
            RelayStream.Answer(client, streamId, endStream, StatusCode.ResourceExhausted, Credentials.RateLimitedMessage(key), retryAfter);
            return null;
        }

        if (backend.Address is null)
        {
            RelayStream.Answer(client, streamId, endStream, StatusCode.Unavailable, $"{backend.Service} has no address: set {backend.ConfigurationKey}.");
            return null;
        }

        var stream = new RelayStream(client, streamId, backend, grpc: true, _options.MaxRequestMessageBytes);
        if (head.GrpcTimeout is { } text && GrpcWireFormat.TryParseTimeout(text, out var timeout) && timeout < TimeSpan.FromDays(24))
        {
            stream.StartDeadline(timeout);
        }

        return stream;
    }

    /// <summary>Sends the call's request headers on a backend connection, now if one is ready, else once one is.</summary>
    internal void Open(RelayStream stream, RequestHead head, HeaderBlock block, bool endStream)
    {
        var endpoint = stream.Backend == Self ? _self : _endpoints[stream.Backend];
        var (scheme, authority) = endpoint.Target;
        block.Clear();
        block.Add(":method"u8, head.Method);
        block.Add(":scheme"u8, scheme);
        block.Add(":path"u8, head.Path);
        block.Add(":authority"u8, authority);
        block.Append(head.Regular.Written);
        var own = stream.Backend == Self;
        var keyFromAuthorization = !own && head.KeyCount != 1;
        if (own && head.KeyCount > 0)
        {
            block.Add("x-api-key"u8, head.Key);
        }

        if (head.HasAuthorization && !keyFromAuthorization)
        {
            block.Add("authorization"u8, head.Authorization);
        }

        block.Add("te"u8, "trailers"u8);
        var pending = endpoint.GetAsync();
        if (pending.IsCompletedSuccessfully && pending.Result.TryOpen(stream, block.Written, endStream))
        {
            return;
        }

        _ = OpenLaterAsync(stream, endpoint, pending, block.Written.ToArray(), endStream);
    }

    /// <summary>Logs a client's protocol error (at debug: a broken client is not the gateway's fault).</summary>
    internal void LogProtocolError(string connectionId, Http2ConnectionException error) =>
        _logger.LogDebug("Connection {Connection}: HTTP/2 {Code}: {Message}", connectionId, error.Code, error.Message);

    private static async Task OpenLaterAsync(RelayStream stream, BackendEndpoint endpoint, ValueTask<BackendConnection> pending, byte[] block, bool endStream)
    {
        try
        {
            // A connection can fill up between being handed out and the call's turn: ask again.
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var connection = await pending.ConfigureAwait(false);
                if (connection.TryOpen(stream, block, endStream))
                {
                    return;
                }

                pending = endpoint.GetAsync();
            }

            stream.OnBackendLost("no connection took the call", beforeOpen: true);
        }
        catch (Exception e)
        {
            stream.OnBackendLost(e.Message, beforeOpen: true);
        }
    }

    private bool TryRoute(ReadOnlySpan<byte> path, out Backend backend)
    {
        backend = null!;
        if (path.Length > 512 || path.StartsWith("/grpc.health.v1.Health/"u8))
        {
            return false;
        }

        Span<char> chars = stackalloc char[path.Length];
        var count = Encoding.ASCII.GetChars(path, chars);
        return _routes.TryFind(chars[..count], out backend);
    }

    private ApiKey? FindKey(RequestHead head)
    {
        ReadOnlySpan<byte> presented;
        if (head.KeyCount == 1)
        {
            presented = head.Key;
        }
        else if (head.HasAuthorization && head.Authorization.Length > 7 && Ascii.EqualsIgnoreCase(head.Authorization[..7], "Bearer "u8))
        {
            presented = head.Authorization[7..];
        }
        else
        {
            return null;
        }

        if (presented.Length > ApiKeyRegistry.MaxKeyLength * 3)
        {
            return null;
        }

        Span<char> chars = stackalloc char[presented.Length];
        var count = Encoding.UTF8.GetChars(presented, chars);
        return _keys.Find(chars[..count].Trim());
    }

    // The loopback address of one of the gateway's own h2c endpoints (not the web port), known once the server started.
    private Uri SelfAddress()
    {
        if (_selfAddress is { } known)
        {
            return known;
        }

        var addresses = _services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var text in addresses)
        {
            var address = BindingAddress.Parse(text);
            if (address.Port == _options.WebPort || address.IsUnixPipe)
            {
                continue;
            }

            var host = IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)
                ? address.Host
                : IPAddress.TryParse(address.Host.Trim('[', ']'), out var any) && any.Equals(IPAddress.IPv6Any) ? "[::1]" : "127.0.0.1";
            _selfAddress = new Uri($"http://{host}:{address.Port}");
            return _selfAddress;
        }

        throw new InvalidOperationException("The gateway has no h2c endpoint to reach its own server on.");
    }
}
