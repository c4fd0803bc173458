using Attune.Ml.Clustering;
using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Ml.Users;
using Attune.Trainer.Models;

namespace Attune.Trainer.Tests;

public sealed class PublishedModelTests
{
    /// <summary>K = 2, D = 3, two users in two clusters.</summary>
    private static PrefModel Trained() => new(
        "pref", 2, 3, [1, 2, 3, 4, 5, 6], ["long+formal", "short+casual"], [0.5f, -1, -0.5f, 1],
        new GaussianPrior([0.1, 0.2], [1, 0, 0, 1]), "hashing:v1:test", [3.0, 1.0],
        new ClusterModel(2, [0.5f, -1, -0.5f, 1], [1, 0, 0, 1], [0, 1], 0.9),
        new Dictionary<string, double> { ["validation_auc"] = 0.8 });

    [Fact]
    public void WithoutUsers_trainedModel_fileNamesNoUserAndKeepsBasisPriorAndClusters()
    {
        var model = Trained();

        var published = PublishedModel.WithoutUsers(model);
        using var file = new MemoryStream();
        ModelFile.Write(file, published);
        var read = ModelFile.Read(new MemoryStream(file.ToArray()));

        Assert.Empty(read.UserIds);
        Assert.True(read.UserWeights.IsEmpty);
        var text = System.Text.Encoding.UTF8.GetString(file.ToArray());
        Assert.DoesNotContain("formal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("casual", text, StringComparison.Ordinal);
        Assert.Equal(model.V.ToArray(), read.V.ToArray());
        Assert.Equal(model.Prior.Mean.ToArray(), read.Prior.Mean.ToArray());
        Assert.Equal(model.Prior.Covariance.ToArray(), read.Prior.Covariance.ToArray());
        Assert.Equal(model.Clusters!.Centroids.ToArray(), read.Clusters!.Centroids.ToArray());
        Assert.Equal(model.Clusters.Assignments, read.Clusters.Assignments);
        Assert.Equal((model.Rank, model.Dimension, model.Featurizer), (read.Rank, read.Dimension, read.Featurizer));
        Assert.Equal(model.Spectrum, read.Spectrum);
        Assert.Equal(0.8, read.Metrics["validation_auc"]);
    }

    [Fact]
    public void WithoutUsers_null_throws() => Assert.Throws<ArgumentNullException>(() => PublishedModel.WithoutUsers(null!));
}
