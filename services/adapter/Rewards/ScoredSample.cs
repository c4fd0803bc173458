namespace Attune.Adapter.Rewards;

/// <summary>A scored sample.</summary>
/// <param name="Reward">r(x, y) = w . phi(x, y) under the sample's target.</param>
/// <param name="PopulationReward">The population reward (the prior's mean weights), for comparison.</param>
/// <param name="ColdStart">True for a user with no answers under the model, scored with the population prior.</param>
public sealed record ScoredSample(double Reward, double PopulationReward, bool ColdStart);
