using Attune.Ml.Metrics;
using Attune.Ml.Training;

namespace Attune.Ml.Tests;

public sealed class PrefTrainerTests
{
    private static readonly Lazy<PlantedData> Planted = new(() => new PlantedData(60, 400, 32, 3, 0.4, seed: 7));

    [Fact]
    public void Train_plantedLowRankData_reachesNearOracleAuc()
    {
        PlantedData data = Planted.Value;
        var trainer = new PrefTrainer(new PrefTrainingOptions { Rank = 3, Seed = 1 });

        PrefTrainingResult result = trainer.Train(data.Train, cancellationToken: TestContext.Current.CancellationToken);

        var margins = new float[data.Test.Count];
        result.Model.PredictMargins(data.Test, margins);
        double auc = BinaryMetrics.Auc(margins, data.Test.Preferences);
        double oracle = BinaryMetrics.Auc(data.TestTrueMargins, data.Test.Preferences);
        TestContext.Current.TestOutputHelper?.WriteLine($"auc {auc:F4} oracle {oracle:F4} iterations {result.Iterations} val {result.ValidationLoss:F4}");
        Assert.Equal(InitializationKind.Factorization, result.InitializationUsed);
        Assert.True(auc > oracle - 0.02, $"AUC {auc:F4} should be within 0.02 of the oracle {oracle:F4}.");
    }

    [Fact]
    public void Train_automaticRank_findsPlantedRank()
    {
        PlantedData data = Planted.Value;
        var trainer = new PrefTrainer(new PrefTrainingOptions { MaxRank = 8, Seed = 1 });

        PrefTrainingResult result = trainer.Train(data.Train, cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"spectrum {string.Join(", ", result.Model.Spectrum.Select(s => s.ToString("F2")))} elbow {result.ElbowRank} chosen {result.Model.Rank} losses {string.Join(", ", result.CandidateValidationLoss)}");
        Assert.Equal(3, result.ElbowRank);
        Assert.Equal(3, result.Model.Rank);
    }
}
