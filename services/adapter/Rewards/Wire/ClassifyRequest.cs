using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>
/// vLLM's classify request (<c>POST /classify</c>): <c>input</c>, one text or a list, each scored as a response to
/// <c>prompt</c> (an Attune field; "" when absent); or vLLM's chat form, <c>messages</c> ending in the assistant's
/// response, whose prompt is the last user message before it. <c>use_activation</c> (or the older <c>activation</c>)
/// false gives the raw reward, as verl asks; otherwise its sigmoid, as vLLM applies to a one-label classifier.
/// </summary>
public sealed record ClassifyRequest
{
    /// <summary>Echoed back.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Response text(s).</summary>
    [JsonPropertyName("input")]
    [JsonConverter(typeof(StringOrListConverter))]
    public List<string?>? Input { get; init; }

    /// <summary>The chat form: the conversation, ending in the assistant's response.</summary>
    [JsonPropertyName("messages")]
    public List<ChatMessage>? Messages { get; init; }

    /// <summary>The prompt every <c>input</c> answers (Attune's field).</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>Whose reward: a user id or <c>cluster:N</c>.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>vLLM's switch: false for raw scores.</summary>
    [JsonPropertyName("use_activation")]
    public bool? UseActivation { get; init; }

    /// <summary>vLLM's older name of <see cref="UseActivation"/>.</summary>
    [JsonPropertyName("activation")]
    public bool? Activation { get; init; }
}
