using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>
/// OpenRLHF's remote reward model request (<c>POST /get_reward</c>, as its <c>remote_rm_fn</c> sends it): each query is
/// a prompt followed by its response, <c>prompts</c> the prompts, <c>labels</c> the dataset's label per sample (here:
/// whose reward, a user id or <c>cluster:N</c>; OpenRLHF sends "" when no <c>--label_key</c> is set).
/// </summary>
public sealed record GetRewardRequest
{
    /// <summary>prompt + response per sample.</summary>
    [JsonPropertyName("query")]
    public List<string?>? Query { get; init; }

    /// <summary>The prompt of each sample; each query starts with its prompt.</summary>
    [JsonPropertyName("prompts")]
    public List<string?>? Prompts { get; init; }

    /// <summary>Whose reward per sample; null or "" falls back to the <c>x-attune-user</c> header.</summary>
    [JsonPropertyName("labels")]
    public List<string?>? Labels { get; init; }
}
