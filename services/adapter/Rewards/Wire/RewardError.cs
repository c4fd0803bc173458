using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>An error, shaped as the JSON routes' transcoded errors (<c>google.rpc.Status</c>): the message names the field.</summary>
public sealed record RewardError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyList<string> Details);
