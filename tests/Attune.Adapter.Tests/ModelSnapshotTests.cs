using Attune.Adapter.Domain;
using Attune.Ml.Models;
using Attune.Ml.Users;
using Attune.Text.Hashing;

namespace Attune.Adapter.Tests;

public sealed class ModelSnapshotTests
{
    private static PrefModel Model(ResidualBasis? residual)
    {
        var featurizer = new HashingFeaturizer();
        int d = featurizer.Dimension;
        return new PrefModel(
            "test", 1, d, new float[d], ["u"], [1f], GaussianPrior.FromUserWeights([1f], 1), featurizer.Description, residual: residual);
    }

    [Fact]
    public void Constructor_linearModel_builds()
    {
        var snapshot = new ModelSnapshot(1, "sha", Model(null));

        Assert.Equal(1, snapshot.Rank);
    }

    [Fact]
    public void Constructor_modelWithResidualMlp_throwsInvalidData()
    {
        int d = new HashingFeaturizer().Dimension;
        var residual = new ResidualBasis(1, d, 1, new float[d], [0f], [1f]);

        var error = Assert.Throws<InvalidDataException>(() => new ModelSnapshot(2, "sha", Model(residual)));

        Assert.Contains("residual MLP", error.Message);
    }
}
