using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>One pair's score: the personalized reward r(x, y).</summary>
public sealed record ScoreData(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("score")] double Score);
