using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>
/// OpenRLHF's remote reward model reply: <c>rewards</c> (what PPO optimizes), <c>scores</c> (what its dynamic filtering
/// and logs read; the same values here, as OpenRLHF's own reward server answers), <c>extra_logs</c> (one number per
/// sample under each key, logged by OpenRLHF), and the model version every reward came from.
/// </summary>
public sealed record GetRewardReply(
    [property: JsonPropertyName("rewards")] IReadOnlyList<double> Rewards,
    [property: JsonPropertyName("scores")] IReadOnlyList<double> Scores,
    [property: JsonPropertyName("extra_logs")] IReadOnlyDictionary<string, IReadOnlyList<double>> ExtraLogs,
    [property: JsonPropertyName("model_version")] long ModelVersion);
