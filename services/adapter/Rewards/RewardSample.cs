namespace Attune.Adapter.Rewards;

/// <summary>One response to score: r(x, y) of <paramref name="Response"/> to <paramref name="Prompt"/> under <paramref name="Target"/>.</summary>
/// <param name="Target">Whose reward.</param>
/// <param name="Prompt">x.</param>
/// <param name="Response">y.</param>
/// <param name="TargetField">The request field the target came from (for error messages), e.g. <c>labels[3]</c>.</param>
public sealed record RewardSample(RewardTarget Target, string Prompt, string Response, string TargetField);
