using System.Net;
using Attune.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// Forwards one gRPC call to its backend over HTTP/2 (h2c with prior knowledge for http:// addresses), streaming both
/// bodies as they come: request metadata (less hop-by-hop headers and the API key), response headers and trailers
/// (Trailers-Only responses included) pass through untouched, <c>grpc-timeout</c> is passed on and also enforced here, and
/// a client that goes away resets the backend stream. The gateway answers a call itself only when the backend cannot:
/// UNAVAILABLE when it cannot be reached or dies mid-call, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED for an oversized message.
/// </summary>
public sealed class GrpcForwarder(BackendInvoker invoker, ILogger<GrpcForwarder> logger)
{
    private const int ChunkBytes = 16 * 1024;
    private const int Http2RefusedStream = 0x7;
    private const int Http2Cancel = 0x8;
    private const int Http2EnhanceYourCalm = 0xb;

    /// <summary>Forwards the call in <paramref name="http"/> to <paramref name="backend"/>.</summary>
    public async Task ForwardAsync(HttpContext http, Backend backend, bool dropAuthorization, int maxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(backend);
        var response = http.Response;
        if (backend.Address is null)
        {
            GrpcWire.WriteStatus(response, StatusCode.Unavailable, $"{backend.Service} has no address: set {backend.ConfigurationKey}.");
            return;
        }

        LiftBodyLimits(http);
        var request = http.Request;
        TimeSpan? timeout = GrpcWireFormat.TryParseTimeout(request.Headers["grpc-timeout"], out var t) ? t : null;
        using var call = new ForwardedCall(http.RequestAborted, timeout);
        using var outgoing = new HttpRequestMessage(HttpMethod.Post, backend.UriFor(request.Path.Value!))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamingRequestContent(request.BodyReader, call, maxMessageBytes),
        };
        HeaderCopier.CopyRequest(request.Headers, outgoing, dropAuthorization);

        HttpResponseMessage upstream;
        try
        {
            upstream = await invoker.Invoker.SendAsync(outgoing, call.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            Answer(response, call, $"{backend.Service} is unreachable at {backend.Address}: {e.Message}", e);
            return;
        }

        using (upstream)
        {
            if (upstream.StatusCode != HttpStatusCode.OK && !upstream.Headers.NonValidated.Contains("grpc-status"))
            {
                GrpcWire.WriteStatus(
                    response, GrpcWireFormat.FromHttpStatus((int)upstream.StatusCode), $"{backend.Service} answered HTTP {(int)upstream.StatusCode}.");
                return;
            }

            HeaderCopier.CopyResponse(upstream, response);
            var frames = new GrpcFrameMeter(int.MaxValue);
            try
            {
                await CopyBodyAsync(upstream, response, frames, call.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or HttpIOException)
            {
                if (frames.AtBoundary)
                {
                    Answer(response, call, $"{backend.Service} failed during the call: {e.Message}", e);
                }
                else if (call.Outcome($"{backend.Service} failed mid-message") is { } status)
                {
                    // Part of a message is already with the client: trailers now would hand it a torn message. The stream
                    // is reset instead, with the HTTP/2 code gRPC clients read as the status: REFUSED_STREAM as
                    // UNAVAILABLE, CANCEL as CANCELLED (DEADLINE_EXCEEDED past the deadline), ENHANCE_YOUR_CALM as
                    // RESOURCE_EXHAUSTED.
                    logger.LogWarning("{Service}: {Status} mid-message; resetting the client's stream ({Error})", backend.Service, status.Code, e.GetType().Name);
                    http.Features.Get<IHttpResetFeature>()?.Reset(status.Code switch
                    {
                        StatusCode.DeadlineExceeded => Http2Cancel,
                        StatusCode.ResourceExhausted => Http2EnhanceYourCalm,
                        _ => Http2RefusedStream,
                    });
                }

                return;
            }

            HeaderCopier.CopyTrailers(upstream, response);
            if (!HeaderCopier.HasStatus(upstream.TrailingHeaders.NonValidated) && !upstream.Headers.NonValidated.Contains("grpc-status"))
            {
                GrpcWire.WriteStatus(response, StatusCode.Internal, $"{backend.Service} ended the call without a status.");
            }
        }
    }

    private static async Task CopyBodyAsync(HttpResponseMessage upstream, HttpResponse response, GrpcFrameMeter frames, CancellationToken token)
    {
        var source = await upstream.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        var writer = response.BodyWriter;
        while (true)
        {
            var memory = writer.GetMemory(ChunkBytes);
            var read = await source.ReadAsync(memory, token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            frames.Observe(memory.Span[..read]);
            writer.Advance(read);
            var flush = await writer.FlushAsync(token).ConfigureAwait(false);
            if (flush.IsCanceled || flush.IsCompleted)
            {
                throw new OperationCanceledException("The client stopped reading.");
            }
        }
    }

    private void Answer(HttpResponse response, ForwardedCall call, string unavailable, Exception error)
    {
        if (call.Outcome(unavailable) is not { } status)
        {
            return;
        }

        if (status.Code == StatusCode.Unavailable)
        {
            logger.LogWarning("{Detail} ({Error})", unavailable, error.GetType().Name);
        }

        GrpcWire.WriteStatus(response, status.Code, status.Detail);
    }

    private static void LiftBodyLimits(HttpContext http)
    {
        // Streams may run long and carry more than Kestrel's default body size: the frame meter limits each message.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
