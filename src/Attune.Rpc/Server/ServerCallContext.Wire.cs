using Attune.Rpc.Internal;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Attune.Rpc;

/// <summary>The wire side of a call: framing, deadline and the final status. Internal to the server.</summary>
public sealed partial class ServerCallContext
{
    private readonly GrpcServerRuntime _runtime;
    private string? _requestEncoding;
    private bool _compressResponse;
    private bool _headersStarted;
    private bool _completed;
    private bool _requestEnded;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenRegistration _deadlineRegistration;
    private SemaphoreSlim? _gate;
    private Task? _deadlineTask;

    internal bool DeadlineFired { get; private set; }

    /// <summary>True when the deadline, not the client, cancelled <see cref="CancellationToken"/>.</summary>
    internal bool DeadlinePassed =>
        _deadlineCts is { IsCancellationRequested: true } && !HttpContext.RequestAborted.IsCancellationRequested;

    /// <summary>Reads the protocol headers; returns a non-OK status when the call must be refused.</summary>
    internal Status Initialize()
    {
        var headers = HttpContext.Request.Headers;
        var encoding = headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && encoding != GrpcProtocol.Identity)
        {
            if (encoding != GrpcProtocol.Gzip)
            {
                return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}");
            }

            _requestEncoding = GrpcProtocol.Gzip;
        }

        if (_runtime.Options.ResponseCompression is { } responseEncoding)
        {
            var accepted = headers[GrpcProtocol.AcceptEncodingHeader].ToString();
            _compressResponse = accepted.Contains(responseEncoding, StringComparison.Ordinal);
        }

        var timeout = headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeout.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeout, out var span))
            {
                return new Status(StatusCode.Internal, $"Malformed grpc-timeout '{timeout}'.");
            }

            if (span < GrpcTimeout.MaxTimer)
            {
                StartDeadline(span);
            }
        }

        return Status.Ok;
    }

    internal async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        if (_requestEnded)
        {
            return null;
        }

        var reader = HttpContext.Request.BodyReader;
        var max = _runtime.Options.MaxReceiveMessageSize;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (MessageCodec.TryReadFrame(ref buffer, max, out var payload, out var compressed))
                {
                    var message = MessageCodec.Parse(parser, payload, compressed, _requestEncoding, max);
                    reader.AdvanceTo(buffer.Start);
                    return message;
                }
            }
            catch
            {
                reader.AdvanceTo(buffer.End);
                throw;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (!buffer.IsEmpty)
                {
                    throw new RpcException(StatusCode.Internal, "Incomplete message: the request ended inside a frame.");
                }

                _requestEnded = true;
                return null;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    internal async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "Request message missing.");
        if (await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "Additional message received for a unary request.");
        }

        return message;
    }

    internal async Task WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        var size = message.CalculateSize();
        MessageCodec.CheckSendSize(size, _runtime.Options.MaxSendMessageSize);
        await EnterWriteAsync().ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            StartResponse();
            var writer = HttpContext.Response.BodyWriter;
            MessageCodec.WriteFrame(writer, message, _compressResponse, null);
            if (flush)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Ends the call with <paramref name="status"/>: in trailers, or as Trailers-Only when nothing was sent yet.</summary>
    internal async Task CompleteAsync(Status status)
    {
        await EnterWriteAsync().ConfigureAwait(false);
        try
        {
            if (!_completed)
            {
                _completed = true;
                WriteStatus(status);
            }
        }
        finally
        {
            ExitWrite();
        }

        if (_deadlineCts is not null)
        {
            // Waits for a deadline callback already running; it may have started the deadline response.
            await _deadlineRegistration.DisposeAsync().ConfigureAwait(false);
            if (_deadlineTask is not null)
            {
                await _deadlineTask.ConfigureAwait(false);
            }

            _deadlineCts.Dispose();
        }
    }

    internal void MergeTrailers(Metadata trailers)
    {
        foreach (var entry in trailers)
        {
            if (entry.IsBinary)
            {
                ResponseTrailers.Add(entry.Key, entry.ValueBytes);
            }
            else
            {
                ResponseTrailers.Add(entry.Key, entry.Value);
            }
        }
    }

    private void StartResponse()
    {
        if (_headersStarted)
        {
            return;
        }

        _headersStarted = true;
        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        if (_compressResponse)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.Gzip;
        }
    }

    private void WriteStatus(Status status)
    {
        var response = HttpContext.Response;
        if (!_headersStarted && !response.HasStarted)
        {
            // Trailers-Only: the status travels in the only HEADERS frame.
            var headers = response.Headers;
            response.ContentType = GrpcProtocol.ContentType;
            headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusCodeText(status.Code);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
            }

            if (status.Code == StatusCode.Unimplemented && status.Detail.Contains("grpc-encoding", StringComparison.Ordinal))
            {
                headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
            }

            AppendMetadata(headers, _responseTrailers);
            return;
        }

        var trailers = HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is null || trailers.IsReadOnly)
        {
            HttpContext.Abort();
            return;
        }

        trailers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusCodeText(status.Code);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            trailers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }

        AppendMetadata(trailers, _responseTrailers);
    }

    private static void AppendMetadata(IHeaderDictionary target, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            target.Append(entry.Key, entry.Value);
        }
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw DeadlineFired
                ? new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded.")
                : new InvalidOperationException("The call has already completed.");
        }
    }
}
