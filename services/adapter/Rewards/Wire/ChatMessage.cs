using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>One chat message (OpenAI's shape, text content only).</summary>
public sealed record ChatMessage
{
    /// <summary>system, user or assistant.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The text.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }
}
