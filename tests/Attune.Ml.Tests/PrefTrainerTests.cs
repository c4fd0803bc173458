using Attune.Ml.Metrics;
using Attune.Ml.Training;
using MathNet.Numerics.LinearAlgebra;

namespace Attune.Ml.Tests;

public sealed class PrefTrainerTests
{
    private static readonly Lazy<PlantedData> Planted = new(() => new PlantedData(60, 400, 32, 3, 0.4, seed: 7));

    // Trained once and shared: the planted-data tests only read the result.
    private static readonly Lazy<PrefTrainingResult> RankThree = new(() =>
        new PrefTrainer(new PrefTrainingOptions { Rank = 3, Seed = 1 }).Train(Planted.Value.Train));

    [Fact]
    public void Train_plantedLowRankData_reachesNearOracleAuc()
    {
        PlantedData data = Planted.Value;

        PrefTrainingResult result = RankThree.Value;

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

    [Fact]
    public void Train_plantedData_learnedRewardSpaceContainsPlantedOne()
    {
        PlantedData data = Planted.Value;
        PrefTrainingResult result = RankThree.Value;

        // Rows of V are identifiable only up to an invertible K x K map, so compare row spaces: the part of each planted
        // row of V* outside the span of the learned rows should be small.
        var learned = Matrix<double>.Build.Dense(32, 3, (i, j) => result.Model.V[j * 32 + i]);
        var qr = learned.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        for (int r = 0; r < 3; r++)
        {
            var row = Vector<double>.Build.Dense(32, i => data.TrueV[r * 32 + i]);
            var residual = row - qr.Q * (qr.Q.Transpose() * row);
            double fraction = residual.L2Norm() / row.L2Norm();
            Assert.True(fraction < 0.35, $"planted row {r}: {fraction:F3} of its norm lies outside the learned span");
        }
    }
}
