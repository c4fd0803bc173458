using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>Source-generated JSON for the RL trainer faces.</summary>
[JsonSerializable(typeof(GetRewardRequest))]
[JsonSerializable(typeof(GetRewardReply))]
[JsonSerializable(typeof(ScoreRequest))]
[JsonSerializable(typeof(ScoreReply))]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(ClassifyReply))]
[JsonSerializable(typeof(RewardError))]
internal sealed partial class RewardJsonContext : JsonSerializerContext;
