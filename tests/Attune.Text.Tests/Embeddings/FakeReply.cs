namespace Attune.Text.Tests.Embeddings;

/// <summary>A scripted reply of <see cref="FakeEmbeddingServer"/>: status, optional body, Retry-After and delay.</summary>
internal sealed record FakeReply(int Status, string? Body = null, string? RetryAfter = null)
{
    /// <summary>Wait before answering (to provoke client timeouts).</summary>
    public TimeSpan Delay { get; init; }
}
