using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Attune.Rpc;

/// <summary>
/// Kestrel settings for gRPC. Plain-TCP endpoints must speak HTTP/2 only (h2c with prior knowledge, which is what gRPC
/// clients send; Kestrel cannot detect h2c on an Http1AndHttp2 endpoint); TLS endpoints can offer both and let ALPN
/// choose. Usage: <c>builder.WebHost.ConfigureGrpcKestrel();</c> then <c>--urls http://127.0.0.1:5001</c>, or
/// <c>options.ListenLocalhost(5001, o => o.UseGrpcProtocols())</c>.
/// </summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Makes every endpoint HTTP/2 only (h2c) unless it says otherwise, lifts the request-body rate limit that would
    /// end idle streams, and sizes HTTP/2 for many concurrent calls: 1000 streams per connection, 2 MiB connection
    /// window, 1 MiB stream window.
    /// </summary>
    public static IWebHostBuilder ConfigureGrpcKestrel(this IWebHostBuilder builder, Action<KestrelServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureKestrel(options =>
        {
            options.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
            options.AddServerHeader = false;
            options.Limits.MinRequestBodyDataRate = null;
            options.Limits.Http2.MaxStreamsPerConnection = 1000;
            options.Limits.Http2.InitialConnectionWindowSize = 2 * 1024 * 1024;
            options.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
            options.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(60);
            options.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Sets the protocols a gRPC endpoint needs: HTTP/2 only on plain TCP, HTTP/1.1 and HTTP/2 on TLS (call after
    /// <c>UseHttps</c>, or pass <paramref name="tls"/>).
    /// </summary>
    public static ListenOptions UseGrpcProtocols(this ListenOptions listen, bool tls = false)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Protocols = tls ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2;
        return listen;
    }
}
