using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>vLLM's classify reply: a list of <see cref="ClassifyData"/>, one per input, plus the Attune model version.</summary>
public sealed record ClassifyReply(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("data")] IReadOnlyList<ClassifyData> Data,
    [property: JsonPropertyName("model_version")] long ModelVersion);
