using System.Text.Json.Serialization;

namespace Attune.Gateway.Grpc;

/// <summary>Source-generated JSON for <see cref="ErrorBody"/>.</summary>
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyContext : JsonSerializerContext;
