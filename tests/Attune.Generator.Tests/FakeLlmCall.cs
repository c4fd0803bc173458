namespace Attune.Generator.Tests;

/// <summary>One request the fake LLM served: what it was asked and what it answered.</summary>
/// <param name="Partial">The trailing assistant message (the prefix to continue), "" for a fresh response.</param>
/// <param name="N">The request's n.</param>
/// <param name="MaxTokens">The request's max_tokens.</param>
/// <param name="Answers">The choices' contents.</param>
public sealed record FakeLlmCall(string Partial, int N, int MaxTokens, IReadOnlyList<string> Answers);
