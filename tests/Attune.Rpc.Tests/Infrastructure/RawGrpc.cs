using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>Hand-made HTTP/2 requests, for inputs Attune's own client would never send.</summary>
public static class RawGrpc
{
    public const string EchoUnary = "/attune.testing.v1.EchoService/Unary";

    public static byte[] Frame(byte[] message, byte flag = 0)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<RawResponse> SendAsync(
        Uri address,
        string path,
        byte[] body,
        string contentType = "application/grpc",
        Action<HttpRequestHeaders>? headers = null,
        Version? version = null)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        headers?.Invoke(request.Headers);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new RawResponse(
            response.StatusCode,
            Flatten(response.Headers),
            Flatten(response.TrailingHeaders),
            response.Content.Headers.ContentType?.MediaType,
            bytes);
    }

    private static Dictionary<string, string> Flatten(HttpHeaders headers) =>
        headers.NonValidated.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
