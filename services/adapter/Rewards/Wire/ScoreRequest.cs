using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>
/// vLLM's score request (<c>POST /v1/score</c>): <c>text_1</c> the prompt(s), <c>text_2</c> the response(s); one prompt
/// with many responses, or as many prompts as responses. The user is <c>user</c> or the <c>x-attune-user</c> header.
/// </summary>
public sealed record ScoreRequest
{
    /// <summary>Echoed back; Attune serves one model, the one in force.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Prompt(s).</summary>
    [JsonPropertyName("text_1")]
    [JsonConverter(typeof(StringOrListConverter))]
    public List<string?>? Text1 { get; init; }

    /// <summary>Response(s).</summary>
    [JsonPropertyName("text_2")]
    [JsonConverter(typeof(StringOrListConverter))]
    public List<string?>? Text2 { get; init; }

    /// <summary>Whose reward: a user id or <c>cluster:N</c> (OpenAI's and vLLM's <c>user</c> field).</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }
}
