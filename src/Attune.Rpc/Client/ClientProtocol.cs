using System.Net;
using System.Net.Http.Headers;
using Attune.Rpc.Internal;
using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>Request building and response interpretation shared by every client call.</summary>
internal static class ClientProtocol
{
    public static readonly MediaTypeHeaderValue ContentTypeValue = new(GrpcProtocol.ContentType);

    public static HttpRequestMessage CreateRequest(Uri uri, in CallOptions options, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (options.Compression is { } compression)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, compression);
        }

        if (options.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline - DateTime.UtcNow));
        }

        if (options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.Value);
            }
        }

        return request;
    }

    /// <summary>Serializes one framed request message.</summary>
    public static byte[] Frame(IMessage message, in CallOptions options, int? maxSize)
    {
        var compress = ValidateCompression(options);
        var size = message.CalculateSize();
        MessageCodec.CheckSendSize(size, maxSize);
        using var writer = new PooledBufferWriter(GrpcProtocol.HeaderSize + size);
        MessageCodec.WriteFrame(writer, message, compress, null);
        return writer.WrittenSpan.ToArray();
    }

    public static bool ValidateCompression(in CallOptions options) => options.Compression switch
    {
        null or GrpcProtocol.Identity => false,
        GrpcProtocol.Gzip => true,
        _ => throw new ArgumentException($"Compression '{options.Compression}' is not supported; use null or \"gzip\"."),
    };

    /// <summary>
    /// Checks the response headers. Returns the call's status when the response is already final (Trailers-Only, or
    /// not a gRPC response at all); null when messages and trailers follow.
    /// </summary>
    public static Status? CheckHeaders(HttpResponseMessage response)
    {
        var status = ReadStatus(response.Headers);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return status ?? new Status(
                GrpcProtocol.FromHttpStatus((int)response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
        }

        if (status is not null)
        {
            return status;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        return GrpcProtocol.IsGrpcContentType(contentType)
            ? null
            : new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}");
    }

    public static Status ReadTrailerStatus(HttpResponseMessage response) =>
        ReadStatus(response.TrailingHeaders)
        ?? new Status(StatusCode.Internal, "Bad gRPC response. No grpc-status found in the trailers.");

    public static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                metadata.AddParsed(key, value);
            }
        }

        return metadata;
    }

    public static RpcException MapTransportError(Exception error) => error switch
    {
        RpcException rpc => rpc,
        HttpProtocolException { ErrorCode: 0x8 } => new RpcException(StatusCode.Cancelled, "The server cancelled the stream."),
        HttpProtocolException { ErrorCode: 0x7 } => new RpcException(StatusCode.Unavailable, "The server refused the stream."),
        HttpProtocolException e => new RpcException(StatusCode.Internal, $"HTTP/2 error: {e.Message}"),
        HttpRequestException e => new RpcException(StatusCode.Unavailable, $"Error connecting to the server: {e.Message}"),
        IOException e => new RpcException(StatusCode.Unavailable, $"Error on the connection: {e.Message}"),
        _ => new RpcException(StatusCode.Internal, $"Error in the gRPC call: {error.GetType().Name}: {error.Message}"),
    };

    private static Status? ReadStatus(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return null;
        }

        var text = statusValues.ToString();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid grpc-status: {text}");
        }

        var detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues)
            ? PercentEncoding.Decode(messageValues.ToString())
            : string.Empty;
        return new Status((StatusCode)code, detail);
    }
}
