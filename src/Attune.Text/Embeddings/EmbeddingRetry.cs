namespace Attune.Text.Embeddings;

/// <summary>A retry the <see cref="OpenAiEmbeddingClient"/> is about to make.</summary>
/// <param name="Attempt">The attempt that failed, 1-based.</param>
/// <param name="Delay">The wait before the next attempt.</param>
/// <param name="FromRetryAfter">True when <paramref name="Delay"/> came from the server's <c>Retry-After</c> header.</param>
/// <param name="Reason">What failed, e.g. "HTTP 429" or "connection error: ...".</param>
public sealed record EmbeddingRetry(int Attempt, TimeSpan Delay, bool FromRetryAfter, string Reason);
