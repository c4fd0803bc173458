namespace Attune.Text;

/// <summary>A prompt x and one response y to it: the input of a featurizer e(x, y).</summary>
/// <param name="Prompt">The prompt x (may be empty, never null).</param>
/// <param name="Response">The response y (may be empty, never null).</param>
public readonly record struct TextPair(string Prompt, string Response);
