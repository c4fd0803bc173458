namespace Attune.Data;

/// <summary>A prompt and every known response to it (the candidates for best-of-n selection), distinct, in a fixed order.</summary>
/// <param name="Prompt">The prompt x.</param>
/// <param name="Responses">The candidate responses y_1..y_n.</param>
public sealed record PromptCandidates(string Prompt, IReadOnlyList<string> Responses);
