using System.Net;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// The one HTTP/2 connection pool to every backend, shared by the gRPC forwarder and the JSON face: multiple connections
/// per backend when streams run out, keep-alive pings that notice a dead backend, a short connect timeout so an
/// unreachable backend answers UNAVAILABLE quickly, and no proxy, redirects, cookies or decompression.
/// </summary>
public sealed class BackendInvoker : IDisposable
{
    /// <summary>Creates the pool.</summary>
    public BackendInvoker()
    {
        Handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            InitialHttp2StreamWindowSize = 1024 * 1024,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            // Trace context travels as the client's own metadata; the gateway adds none of its own.
            ActivityHeadersPropagator = null,
        };
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: false);
    }

    /// <summary>The handler (for channels of the JSON face).</summary>
    public SocketsHttpHandler Handler { get; }

    /// <summary>The invoker the forwarder sends with.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Invoker.Dispose();
        Handler.Dispose();
    }
}
