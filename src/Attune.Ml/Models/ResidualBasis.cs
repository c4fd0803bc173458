using System.Numerics.Tensors;
using Attune.Ml.Data;

namespace Attune.Ml.Models;

/// <summary>
/// The residual MLP of a neural PReF basis: phi(e) = V e + U g(H e + b), of which this holds the second term,
/// with H shape (h, D), b length h and U shape (K, h), all row-major, and g = tanh applied elementwise.
/// </summary>
/// <remarks>
/// g is tanh rather than GELU: TensorPrimitives has a vectorised tanh and torch.tanh is the same function, so the scoring
/// path here and the TorchSharp trainer agree to float rounding (an exact GELU needs erf, which TensorPrimitives lacks);
/// and a bounded g keeps the residual's output within ||U|| whatever the embedding's scale. With U = 0 the residual is
/// exactly zero and phi is the linear basis V e.
/// </remarks>
public sealed class ResidualBasis
{
    /// <summary>The activation's name as the model file records it.</summary>
    public const string ActivationName = "tanh";

    private readonly float[] _h;
    private readonly float[] _bias;
    private readonly float[] _u;

    /// <summary>Wraps the arrays (not copied) after checking shapes and finiteness.</summary>
    /// <param name="rank">K, the number of base reward functions.</param>
    /// <param name="dimension">D, the embedding dimension.</param>
    /// <param name="hidden">h, the number of hidden units.</param>
    /// <param name="h">H, shape (h, D).</param>
    /// <param name="bias">b, length h.</param>
    /// <param name="u">U, shape (K, h).</param>
    public ResidualBasis(int rank, int dimension, int hidden, float[] h, float[] bias, float[] u)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(u);
        if (rank < 1 || dimension < 1 || hidden < 1)
        {
            throw new ArgumentException($"K, D and h must be >= 1; got K = {rank}, D = {dimension}, h = {hidden}.", nameof(hidden));
        }

        if (h.Length != (long)hidden * dimension || bias.Length != hidden || u.Length != (long)rank * hidden)
        {
            throw new ArgumentException(
                $"H must have shape (h = {hidden}, D = {dimension}), b length h and U shape (K = {rank}, h); got {h.Length}, {bias.Length} and {u.Length} values.",
                nameof(h));
        }

        if (!TensorPrimitives.IsFiniteAll<float>(h) || !TensorPrimitives.IsFiniteAll<float>(bias) || !TensorPrimitives.IsFiniteAll<float>(u))
        {
            throw new ArgumentException("H, b and U must be finite.", nameof(h));
        }

        Rank = rank;
        Dimension = dimension;
        Hidden = hidden;
        _h = h;
        _bias = bias;
        _u = u;
    }

    /// <summary>K.</summary>
    public int Rank { get; }

    /// <summary>D.</summary>
    public int Dimension { get; }

    /// <summary>h, the number of hidden units.</summary>
    public int Hidden { get; }

    /// <summary>H, shape (h, D).</summary>
    public ReadOnlySpan<float> H => _h;

    /// <summary>b, length h.</summary>
    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>U, shape (K, h).</summary>
    public ReadOnlySpan<float> U => _u;

    /// <summary>a = tanh(H e + b) for a dense embedding e (length D), into a (length h).</summary>
    public void Activations(ReadOnlySpan<float> embedding, Span<float> activations)
    {
        CheckActivations(activations);
        if (embedding.Length != Dimension)
        {
            throw new ArgumentException($"embedding must have length D = {Dimension}; got {embedding.Length}.", nameof(embedding));
        }

        for (int i = 0; i < Hidden; i++)
        {
            activations[i] = TensorPrimitives.Dot(_h.AsSpan(i * Dimension, Dimension), embedding);
        }

        Finish(activations);
    }

    /// <summary>a = tanh(H e_row + b) for row <paramref name="row"/> of an embedding matrix (dense or CSR), into a (length h).</summary>
    public void Activations(FeatureMatrix embeddings, int row, Span<float> activations)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        CheckActivations(activations);
        embeddings.Project(row, _h, Hidden, activations);
        Finish(activations);
    }

    /// <summary>phi += U a, with a of length h and phi of length K.</summary>
    public void AddResidual(ReadOnlySpan<float> activations, Span<float> phi)
    {
        if (activations.Length != Hidden || phi.Length != Rank)
        {
            throw new ArgumentException($"activations must have length h = {Hidden} and phi length K = {Rank}.", nameof(activations));
        }

        for (int j = 0; j < Rank; j++)
        {
            phi[j] += TensorPrimitives.Dot(_u.AsSpan(j * Hidden, Hidden), activations);
        }
    }

    /// <summary>c = U^T w (length h) for user weights w (length K): the user's reward on the residual is c . a.</summary>
    public void FoldUserWeights(ReadOnlySpan<float> userWeights, Span<float> folded)
    {
        if (userWeights.Length != Rank || folded.Length != Hidden)
        {
            throw new ArgumentException($"userWeights must have length K = {Rank} and folded length h = {Hidden}.", nameof(userWeights));
        }

        folded.Clear();
        for (int j = 0; j < Rank; j++)
        {
            TensorPrimitives.MultiplyAdd(_u.AsSpan(j * Hidden, Hidden), userWeights[j], folded, folded);
        }
    }

    private void Finish(Span<float> activations)
    {
        TensorPrimitives.Add(activations, _bias, activations);
        TensorPrimitives.Tanh(activations, activations);
    }

    private void CheckActivations(Span<float> activations)
    {
        if (activations.Length != Hidden)
        {
            throw new ArgumentException($"activations must have length h = {Hidden}; got {activations.Length}.", nameof(activations));
        }
    }
}
