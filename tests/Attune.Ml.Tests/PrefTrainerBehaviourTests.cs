using Attune.Ml.Data;
using Attune.Ml.Metrics;
using Attune.Ml.Training;

namespace Attune.Ml.Tests;

public sealed class PrefTrainerBehaviourTests
{
    private static readonly Lazy<PlantedData> Small = new(() => new PlantedData(30, 150, 16, 2, 0.4, seed: 101));

    /// <summary>Every pair judged by exactly one user: nothing shared to factor.</summary>
    private static ComparisonSet Disjoint()
    {
        var data = new PlantedData(10, 200, 8, 2, 0.95, seed: 102);
        var users = new List<int>();
        var pairs = new List<int>();
        var y = new List<float>();
        for (int i = 0; i < data.Train.Count; i++)
        {
            if (data.Train.Pairs[i] % 10 == data.Train.Users[i])
            {
                users.Add(data.Train.Users[i]);
                pairs.Add(data.Train.Pairs[i]);
                y.Add(data.Train.Preferences[i]);
            }
        }

        return new ComparisonSet(data.Features, 10, users.ToArray(), pairs.ToArray(), y.ToArray());
    }

    [Fact]
    public void Train_noSharedPairs_fallsBackToRandomAndSaysWhy()
    {
        var trainer = new PrefTrainer(new PrefTrainingOptions { Seed = 3 });

        PrefTrainingResult result = trainer.Train(Disjoint(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(InitializationKind.Random, result.InitializationUsed);
        Assert.Contains("No pair was judged by two users", result.InitializationReason);
        Assert.Equal(4, result.Model.Rank);
        Assert.Empty(result.Model.Spectrum);
        Assert.True(double.IsFinite(result.TrainLoss));
    }

    [Fact]
    public void Train_sameSeed_isDeterministic()
    {
        var options = new PrefTrainingOptions { Rank = 2, Seed = 9, MaxOuterIterations = 3 };

        PrefTrainingResult first = new PrefTrainer(options).Train(Small.Value.Train, cancellationToken: TestContext.Current.CancellationToken);
        PrefTrainingResult second = new PrefTrainer(options).Train(Small.Value.Train, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first.Model.V.ToArray(), second.Model.V.ToArray());
        Assert.Equal(first.Model.UserWeights.ToArray(), second.Model.UserWeights.ToArray());
    }

    [Fact]
    public void Train_progress_reportsRefinementWithLosses()
    {
        var reports = new List<TrainingProgress>();
        var options = new PrefTrainingOptions { Rank = 2, Seed = 9, MaxOuterIterations = 4 };

        new PrefTrainer(options).Train(Small.Value.Train, new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Contains(reports, r => r.Phase == TrainingPhase.Refinement && double.IsFinite(r.ValidationLoss) && r.Iteration >= 1);
        Assert.Equal(TrainingPhase.Finishing, reports[^1].Phase);
    }

    [Fact]
    public void Train_cancelled_throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new PrefTrainer(new PrefTrainingOptions { Rank = 2 }).Train(Small.Value.Train, cancellationToken: source.Token));
    }

    [Fact]
    public void Train_jointGradientBaseline_learnsAndReportsRandomStart()
    {
        PlantedData data = Small.Value;
        var options = new PrefTrainingOptions { Method = PrefMethod.JointGradient, Rank = 2, Seed = 4 };

        PrefTrainingResult result = new PrefTrainer(options).Train(data.Train, cancellationToken: TestContext.Current.CancellationToken);

        double auc = TestAuc(result.Model, data);
        double oracle = BinaryMetrics.Auc(data.TestTrueMargins, data.Test.Preferences);
        TestContext.Current.TestOutputHelper?.WriteLine($"joint auc {auc:F4} oracle {oracle:F4} iterations {result.Iterations}");
        Assert.Equal(InitializationKind.Random, result.InitializationUsed);
        Assert.True(auc > oracle - 0.08, $"joint AUC {auc:F4} vs oracle {oracle:F4}");
    }

    [Fact]
    public void Baselines_bradleyTerryAndPerUser_beatChanceAndPerUserBeatsGlobal()
    {
        PlantedData data = Small.Value;

        var global = BaselineTrainer.TrainBradleyTerry(data.Train, cancellationToken: TestContext.Current.CancellationToken);
        var perUser = BaselineTrainer.TrainPerUserLogistic(data.Train, cancellationToken: TestContext.Current.CancellationToken);

        double globalAuc = TestAuc(global, data);
        double perUserAuc = TestAuc(perUser, data);
        TestContext.Current.TestOutputHelper?.WriteLine($"bradley-terry auc {globalAuc:F4} per-user auc {perUserAuc:F4}");
        Assert.True(perUserAuc > 0.6, $"per-user AUC {perUserAuc:F4}");
        Assert.True(perUserAuc > globalAuc, $"per-user {perUserAuc:F4} should beat global {globalAuc:F4} on heterogeneous users");
    }

    internal static double TestAuc(Attune.Ml.Models.IRewardModel model, PlantedData data)
    {
        var margins = new float[data.Test.Count];
        model.PredictMargins(data.Test, margins);
        return BinaryMetrics.Auc(margins, data.Test.Preferences);
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
