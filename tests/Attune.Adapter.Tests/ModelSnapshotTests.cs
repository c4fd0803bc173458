using Attune.Adapter.Domain;
using Attune.Ml.Models;
using Attune.Ml.Users;
using Attune.Text.Encoders;

namespace Attune.Adapter.Tests;

public sealed class ModelSnapshotTests
{
    private const string MiniLm = "minilm:v1:weights=24.9.52193:window=256:prompt=none";

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

    /// <summary>K = 1 with V = (1, 2, 0, 0, ...): phi = e_0 + 2 e_1.</summary>
    private static PrefModel Model(string featurizer, int dimension)
    {
        var v = new float[dimension];
        v[0] = 1f;
        v[1] = 2f;
        return new PrefModel("test", 1, dimension, v, ["u"], [1f], new GaussianPrior([0.0], [1.0]), featurizer);
    }
}
