using Attune.Gateway.Options;
using Attune.Gateway.Rest;
using Attune.Gateway.Security;
using Attune.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// The front of the gateway's own pipeline: runs before everything else (before the gRPC server's own dispatcher).
/// Calls of routed services never reach it (<see cref="Relay.Http2Relay"/> relays them); grpc.health.v1 passes to the
/// gateway's own health service with no key; other gRPC calls (reflection, unknown services) are authenticated and
/// rate limited, then answered by the gateway's server (UNIMPLEMENTED for an unknown service). REST requests under <c>/v1/</c> are authenticated, rate limited and
/// size limited; the page's assets and <c>/healthz</c> need no key.
/// </summary>
public sealed class GatewayMiddleware(
    RequestDelegate next, ApiKeyRegistry keys, IOptions<GatewayOptions> options)
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";
    private const string RestPrefix = "/v1/";
    private readonly GatewayOptions _options = options.Value;

    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? string.Empty;
        if (GrpcWire.IsGrpcRequest(request))
        {
            if (path.StartsWith(HealthPrefix, StringComparison.Ordinal) || !HttpProtocol.IsHttp2(request.Protocol))
            {
                return next(http);
            }

            var key = keys.Find(Credentials.Read(request.Headers, out _));
            if (key is null)
            {
                GrpcWire.WriteStatus(http.Response, StatusCode.Unauthenticated, MissingKey(request));
                return Task.CompletedTask;
            }

            if (!key.TryAcquire(out var retryAfter))
            {
                GrpcWire.WriteStatus(http.Response, StatusCode.ResourceExhausted, RateLimited(key), retryAfter);
                return Task.CompletedTask;
            }

            // Routed services never get here: the relay (Relay/Http2Relay) owns the h2c connections and relays their calls
            // itself; what it passes on to this pipeline is the gateway's own gRPC server (reflection, UNIMPLEMENTED).
            return next(http);
        }

        if (path.StartsWith(RestPrefix, StringComparison.Ordinal))
        {
            var key = keys.Find(Credentials.Read(request.Headers, out _));
            if (key is null)
            {
                return RestErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, StatusCode.Unauthenticated, MissingKey(request));
            }

            if (!key.TryAcquire(out var retryAfter))
            {
                http.Response.Headers.RetryAfter = GrpcWire.RetryAfterSeconds(retryAfter);
                return RestErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests, StatusCode.ResourceExhausted, RateLimited(key));
            }

            if (request.ContentLength > _options.MaxRestBodyBytes)
            {
                return RestErrors.WriteAsync(
                    http, StatusCodes.Status413PayloadTooLarge, StatusCode.ResourceExhausted, TooLarge(request.ContentLength.Value));
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = _options.MaxRestBodyBytes;
            }
        }

        return next(http);
    }

    private string TooLarge(long length) => $"Request body of {length} bytes exceeds the limit of {_options.MaxRestBodyBytes} bytes.";

    private static string MissingKey(HttpRequest request) =>
        Credentials.MissingKeyMessage(request.Headers.ContainsKey(Credentials.ApiKeyHeader) || request.Headers.ContainsKey("authorization"));

    private static string RateLimited(ApiKey key) => Credentials.RateLimitedMessage(key);
}
