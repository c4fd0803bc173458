using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>vLLM's score reply: a list of <see cref="ScoreData"/>, one per pair, plus the Attune model version.</summary>
public sealed record ScoreReply(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("data")] IReadOnlyList<ScoreData> Data,
    [property: JsonPropertyName("model_version")] long ModelVersion);
