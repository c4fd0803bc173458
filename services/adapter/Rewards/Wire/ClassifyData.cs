using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>One input's classification: one class, <c>reward</c>, whose value is the reward (or its sigmoid).</summary>
public sealed record ClassifyData(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("probs")] IReadOnlyList<double> Probs,
    [property: JsonPropertyName("num_classes")] int NumClasses);
