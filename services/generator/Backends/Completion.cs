namespace Attune.Generator.Backends;

/// <summary>One completion: the text it adds to the partial response, and whether the backend ended the response there.</summary>
/// <param name="Text">The text appended (may start with a space).</param>
/// <param name="Finished">True for finish_reason "stop" (or anything but "length"): the response is complete.</param>
public sealed record Completion(string Text, bool Finished);
