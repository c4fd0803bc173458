namespace Attune.Text.Embeddings;

/// <summary>
/// Settings of an <see cref="OpenAiEmbeddingClient"/> for any OpenAI-compatible <c>/v1/embeddings</c> server (OpenAI, vLLM,
/// Hugging Face TEI, Ollama). Validated when the client is built.
/// </summary>
public sealed record OpenAiEmbeddingOptions
{
    /// <summary>
    /// Base URL up to and including the API version, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:8000/v1</c>;
    /// requests go to <c>{BaseUrl}/embeddings</c>.
    /// </summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Model name sent as <c>"model"</c>; also part of the cache key.</summary>
    public required string Model { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer {ApiKey}</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Most texts per request (&gt;= 1). Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Limit on one HTTP attempt; a timed-out attempt is retried. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt on 429, 5xx, connection errors and timeouts (&gt;= 0). Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Backoff before retry k (0-based) is min(MaxBackoff, InitialBackoff * 2^k), times a jitter factor drawn
    /// uniformly from [0.5, 1). Default 0.5 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on the exponential backoff. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A server's <c>Retry-After</c> replaces the backoff, capped at this. Default 120 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>When set, every returned vector must have this length, or <see cref="EmbeddingFormatException"/> is thrown.</summary>
    public int? ExpectedDimension { get; init; }

    /// <summary>Directory of the on-disk cache (see <see cref="EmbeddingDiskCache"/>); null: no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Called before each retry wait, e.g. for logging; must not throw.</summary>
    public Action<EmbeddingRetry>? OnRetry { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUrl, nameof(BaseUrl));
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"BaseUrl '{BaseUrl}' must be an absolute http(s) URL.", nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("Model must be a non-empty model name.", nameof(Model));
        }

        Positive(BatchSize, nameof(BatchSize));
        if (MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be >= 0.");
        }

        Positive(Timeout, nameof(Timeout));
        Positive(InitialBackoff, nameof(InitialBackoff));
        Positive(MaxBackoff, nameof(MaxBackoff));
        Positive(MaxRetryAfter, nameof(MaxRetryAfter));
        if (ExpectedDimension is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedDimension), ExpectedDimension, "ExpectedDimension must be >= 1.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
