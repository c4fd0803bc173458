namespace Attune.Text.Encoders;

/// <summary>
/// Encodes texts into dense vectors of length <see cref="Dimension"/>. Implementations are thread-safe and deterministic:
/// a text gives the same vector whatever else is in its batch, in every process on the same kind of device.
/// </summary>
public interface ITextEncoder
{
    /// <summary>
    /// Identity of what a text encodes to (model, weights and input policy, e.g. <c>minilm:v1:weights=24.9.52193:window=256</c>):
    /// two encoders with the same id give the same vectors, so the id keys caches.
    /// </summary>
    string Id { get; }

    /// <summary>Length of every vector.</summary>
    int Dimension { get; }

    /// <summary>One vector per text, in input order: shape (texts.Count, <see cref="Dimension"/>) as an array of rows.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its elements is null.</exception>
    float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
