namespace Attune.Embedded.Tests;

/// <summary>A test event.</summary>
public sealed record Ping
{
    public required string Text { get; init; }
}
