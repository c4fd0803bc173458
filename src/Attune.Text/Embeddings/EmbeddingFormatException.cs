namespace Attune.Text.Embeddings;

/// <summary>
/// The server answered 2xx but the reply is unusable: not JSON, no <c>data</c> array, wrong or repeated <c>index</c>,
/// missing or non-numeric <c>embedding</c>, vectors of different lengths, or a length other than the expected dimension.
/// Never retried: the same request would get the same reply.
/// </summary>
public sealed class EmbeddingFormatException : EmbeddingException
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingFormatException(string message, Exception? inner = null)
        : base(message, null, inner)
    {
    }
}
