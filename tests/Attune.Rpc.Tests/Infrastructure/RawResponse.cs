using System.Net;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>A raw HTTP response: status, headers, trailers and body.</summary>
public sealed record RawResponse(
    HttpStatusCode StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Trailers,
    string? ContentType,
    byte[] Body)
{
    /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public string? GrpcStatus =>
        Trailers.TryGetValue("grpc-status", out var s) ? s : Headers.GetValueOrDefault("grpc-status");
}
