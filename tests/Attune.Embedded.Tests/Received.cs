namespace Attune.Embedded.Tests;

/// <summary>What a member's consumer saw.</summary>
internal sealed record Received(string Text, Guid? MessageId, string? From);
