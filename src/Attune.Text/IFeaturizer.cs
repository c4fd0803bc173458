namespace Attune.Text;

/// <summary>
/// Maps a (prompt, response) pair to a feature vector e(x, y) of fixed length <see cref="Dimension"/>; a reward model then
/// projects it, phi(x, y) = V e(x, y). Implementations are thread-safe and deterministic: the same pair gives the same vector
/// in every process.
/// </summary>
public interface IFeaturizer
{
    /// <summary>Length of every vector this featurizer returns.</summary>
    int Dimension { get; }

    /// <summary>
    /// A one-line description with everything needed to rebuild an equivalent featurizer, e.g.
    /// <c>hashing:v1:dim=4096:words=1-2:chars=3-5:weights=0.6,0.4,0.7</c>. Store it beside a trained model: a model is only
    /// valid with the featurizer that produced its inputs.
    /// </summary>
    string Description { get; }

    /// <summary>Features of one pair: a vector of length <see cref="Dimension"/>.</summary>
    /// <exception cref="ArgumentNullException">The prompt or the response is null.</exception>
    SparseVector Featurize(TextPair pair);

    /// <summary>Features of many pairs, in input order (element i belongs to <paramref name="pairs"/>[i]).</summary>
    /// <param name="pairs">The pairs to featurize.</param>
    /// <param name="cancellationToken">Cancels remote calls where the featurizer makes any.</param>
    Task<IReadOnlyList<SparseVector>> FeaturizeBatchAsync(
        IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken = default);
}
