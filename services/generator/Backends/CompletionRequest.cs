namespace Attune.Generator.Backends;

/// <summary>One sampling request: <see cref="N"/> completions of at most <see cref="MaxTokens"/> tokens.</summary>
/// <param name="Prompt">The user's prompt.</param>
/// <param name="Partial">The response so far, continued by every completion ("" for a fresh response).</param>
/// <param name="N">Completions wanted, 1-32.</param>
/// <param name="MaxTokens">Tokens per completion (max_tokens of the chat request).</param>
/// <param name="Temperature">Sampling temperature in (0, 2].</param>
/// <param name="Seed">Sampling seed (sent to the backend when not 0).</param>
/// <param name="Deadline">When the caller stops waiting (UTC); <see cref="DateTime.MaxValue"/> for none.</param>
public sealed record CompletionRequest(string Prompt, string Partial, int N, int MaxTokens, double Temperature, long Seed, DateTime Deadline);
