using System.Text.Json.Serialization;

namespace Attune.Gateway.Grpc;

/// <summary>A JSON error in the shape of <c>google.rpc.Status</c>, as gRPC JSON transcoding writes the backends' errors.</summary>
/// <param name="Code">The gRPC status code.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Details">Always empty here.</param>
public sealed record ErrorBody(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyList<object> Details);
