using Attune.Ml.Active;
using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Ml.Training;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

public sealed class EndToEndTests
{
    [Fact]
    public void TrainFitSelectClusterSave_usageExample_runsAndRoundTrips()
    {
        var data = new PlantedData(30, 150, 16, 2, 0.4, seed: 301);
        var options = new PrefTrainingOptions { Seed = 42, Featurizer = "planted-gaussian D=16" };

        // Train; K comes from the spectrum confirmed on validation.
        PrefTrainingResult result = new PrefTrainer(options).Train(data.Train, cancellationToken: TestContext.Current.CancellationToken);
        PrefModel model = result.Model;

        // A new user: answers are phi-differences z = V d of the pairs asked.
        int[] candidatePairs = Enumerable.Range(0, 150).ToArray();
        float[] pool = model.ProjectPairs(data.Features, candidatePairs);
        UserPosterior posterior = NewUserFitter.Fit(model.Prior, [], []);
        int next = ActiveQuerySelector.Select(QueryStrategy.Uncertainty, posterior.Mean, posterior.Covariance, pool);
        posterior = NewUserFitter.Fit(model.Prior, pool.AsSpan(next * model.Rank, model.Rank), [1f]);
        int cluster = model.Clusters!.Assign(posterior.Mean);

        using var file = new MemoryStream();
        ModelFile.Write(file, model);
        file.Position = 0;
        PrefModel loaded = ModelFile.Read(file);

        Assert.Equal(InitializationKind.Factorization, result.InitializationUsed);
        Assert.Equal(model.Rank, posterior.Rank);
        Assert.InRange(cluster, 0, model.Clusters.Count - 1);
        Assert.Equal(model.V.ToArray(), loaded.V.ToArray());
        Assert.Equal(model.Metrics["validation_auc"], loaded.Metrics["validation_auc"]);
        Assert.True(model.Metrics["validation_auc"] > 0.7, $"validation AUC {model.Metrics["validation_auc"]:F3}");
    }
}
