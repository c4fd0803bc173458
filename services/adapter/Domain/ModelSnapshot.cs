using Attune.Ml.Models;
using Attune.Ml.Users;
using Attune.Text;

namespace Attune.Adapter.Domain;

/// <summary>
/// One model version ready to score with: the <see cref="PrefModel"/> (V shape (K, D)), the featurizer rebuilt from the
/// model's own description, and V transposed to shape (D, K) so that phi(x, y) = V e(x, y) of a sparse e costs one
/// K-wide multiply-add per non-zero. Immutable: readers hold a reference while a newer snapshot replaces it.
/// </summary>
public sealed class ModelSnapshot
{
    private readonly float[] _vTransposed;

    /// <summary>Builds the snapshot; the model's featurizer description must be one this service can rebuild.</summary>
    /// <exception cref="FormatException">The featurizer description is not one <see cref="FeaturizerFactory"/> can rebuild.</exception>
    /// <exception cref="InvalidDataException">The featurizer's dimension differs from the model's D.</exception>
    public ModelSnapshot(long version, string sha256, PrefModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Version = version;
        Sha256 = sha256;
        Model = model;
        Featurizer = FeaturizerFactory.FromDescription(model.Featurizer);
        if (Featurizer.Dimension != model.Dimension)
        {
            throw new InvalidDataException(
                $"Model {version}: featurizer '{model.Featurizer}' has dimension {Featurizer.Dimension}, the model expects D = {model.Dimension}.");
        }

        int k = model.Rank, d = model.Dimension;
        _vTransposed = new float[d * k];
        var v = model.V;
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < d; i++)
            {
                _vTransposed[i * k + j] = v[j * d + i];
            }
        }
    }

    /// <summary>The trainer's version number of this model.</summary>
    public long Version { get; }

    /// <summary>Lower-case hex SHA-256 of the model file.</summary>
    public string Sha256 { get; }

    /// <summary>The model.</summary>
    public PrefModel Model { get; }

    /// <summary>e(x, y), rebuilt from <see cref="PrefModel.Featurizer"/>.</summary>
    public IFeaturizer Featurizer { get; }

    /// <summary>K.</summary>
    public int Rank => Model.Rank;

    /// <summary>The population prior N(mu, Sigma) over w.</summary>
    public GaussianPrior Prior => Model.Prior;

    /// <summary>phi(x, y) = V e(x, y) (+ U tanh(H e + b) with a residual MLP), length K.</summary>
    public float[] Phi(string prompt, string response)
    {
        var phi = new float[Rank];
        Project(Featurizer.Featurize(new TextPair(prompt, response)), phi);
        return phi;
    }

    /// <summary>z = phi(x, a) - phi(x, b), length K: the feature difference of a pair, positive towards a.</summary>
    public float[] Difference(string prompt, string responseA, string responseB)
    {
        var z = Phi(prompt, responseA);
        var b = Phi(prompt, responseB);
        for (int j = 0; j < z.Length; j++)
        {
            z[j] -= b[j];
        }

        return z;
    }

    /// <summary>
    /// phi = V e, a sparse accumulation over e's non-zeros; with a residual MLP (neural basis) the model's own forward
    /// pass on the dense e, phi = V e + U tanh(H e + b) (<see cref="PrefModel.RewardFeatures(ReadOnlySpan{float}, Span{float})"/>).
    /// </summary>
    private void Project(SparseVector e, Span<float> phi)
    {
        if (Model.Residual is not null)
        {
            Model.RewardFeatures(e.ToDense(), phi);
            return;
        }

        int k = Rank;
        var indices = e.Indices;
        var values = e.Values;
        phi.Clear();
        for (int n = 0; n < indices.Length; n++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(
                _vTransposed.AsSpan(indices[n] * k, k), values[n], phi, phi);
        }
    }
}
