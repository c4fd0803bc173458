namespace Attune.Text.Embeddings;

/// <summary>An embeddings request failed: a non-retryable HTTP status, or retries exhausted.</summary>
public class EmbeddingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingException(string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The last HTTP status received, null when no response came (connection error, timeout).</summary>
    public int? StatusCode { get; }
}
