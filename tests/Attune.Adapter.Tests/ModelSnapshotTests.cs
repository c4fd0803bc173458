using Attune.Adapter.Domain;
using Attune.Ml.Models;
using Attune.Ml.Users;
using Attune.Text.Encoders;
using Attune.Text.Hashing;

namespace Attune.Adapter.Tests;

public sealed class ModelSnapshotTests
{
    private const string MiniLm = "minilm:v1:weights=24.9.52193:window=256:prompt=none";

    [Fact]
    public void Constructor_linearModel_builds()
    {
        var featurizer = new HashingFeaturizer();
        var snapshot = new ModelSnapshot(1, "sha", Model(featurizer.Description, featurizer.Dimension));

        Assert.Equal(1, snapshot.Rank);
    }

    /// <summary>
    /// A model with a residual MLP is scored with it: phi = V e + U tanh(H e + b), here with V = (1, 2, 0, ...), H = the
    /// first coordinate, b = 0.5 and U = 3, so phi = e_0 + 2 e_1 + 3 tanh(e_0 + 0.5).
    /// </summary>
    [Fact]
    public void Phi_modelWithResidualMlp_addsTheMlp()
    {
        var featurizer = new HashingFeaturizer();
        int d = featurizer.Dimension;
        var h = new float[d];
        h[0] = 1f;
        var snapshot = new ModelSnapshot(2, "sha", Model(featurizer.Description, d, new ResidualBasis(1, d, 1, h, [0.5f], [3f])));

        var phi = snapshot.Phi("How do I start?", "Start small, and keep going.");

        var e = featurizer.Featurize(new Attune.Text.TextPair("How do I start?", "Start small, and keep going.")).ToDense();
        Assert.Equal(e[0] + (2 * e[1]) + (3 * MathF.Tanh(e[0] + 0.5f)), phi[0], 4);
    }

    [Fact]
    public void Constructor_minilmModel_scoresWithTheEncoder()
    {
        var snapshot = new ModelSnapshot(1, "sha", Model(MiniLm, 384));

        var phi = snapshot.Phi("Any prompt", "A short answer.");

        Assert.IsType<MiniLmFeaturizer>(snapshot.Featurizer);
        var e = snapshot.Featurizer.Featurize(new Attune.Text.TextPair("Any prompt", "A short answer.")).ToDense();
        Assert.Equal(e[0] + (2 * e[1]), phi[0], 5);
    }

    [Fact]
    public void Constructor_minilmDescriptionWithAnotherDimension_throwsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => new ModelSnapshot(1, "sha", Model(MiniLm, 385)));
    }

    [Fact]
    public void Constructor_unknownFeaturizer_throwsFormatException()
    {
        Assert.Throws<FormatException>(() => new ModelSnapshot(1, "sha", Model("word2vec:v1", 384)));
    }

    /// <summary>K = 1 with V = (1, 2, 0, 0, ...): phi = e_0 + 2 e_1 (plus the MLP's term when given).</summary>
    private static PrefModel Model(string featurizer, int dimension, ResidualBasis? residual = null)
    {
        var v = new float[dimension];
        v[0] = 1f;
        v[1] = 2f;
        return new PrefModel("test", 1, dimension, v, ["u"], [1f], new GaussianPrior([0.0], [1.0]), featurizer, residual: residual);
    }
}
