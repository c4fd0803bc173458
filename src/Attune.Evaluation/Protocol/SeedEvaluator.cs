using System.Diagnostics;
using Attune.Evaluation.Data;
using Attune.Evaluation.Methods;
using Attune.Evaluation.Results;
using Attune.Ml.Active;
using Attune.Ml.Metrics;
using Attune.Ml.Models;
using Attune.Ml.Training;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// One seed of the protocol: trains every method on the training set, then lets each new user answer calibration
/// questions and scores every method at every m on the user's test comparisons. Orchestration only: every number comes
/// from Attune.Ml.
/// </summary>
internal static class SeedEvaluator
{
    public static readonly QueryStrategy[] Strategies = [QueryStrategy.Uncertainty, QueryStrategy.InformationGain, QueryStrategy.Random];

    public static SeedResult Run(
        EvaluationWorld world, ProtocolOptions options, int seed, bool keepUserMap, Action<string, double>? report, CancellationToken cancellationToken) =>
        Run(world, new Dictionary<EvaluationFeaturizer, ResponseFeatureView>(), [], options, seed, keepUserMap, report, cancellationToken);

    /// <summary>One seed with the featurizer x learner <paramref name="methods"/> besides today's, on the given views.</summary>
    public static SeedResult Run(
        EvaluationWorld world, IReadOnlyDictionary<EvaluationFeaturizer, ResponseFeatureView> views, IReadOnlyList<EvaluationMethod> methods,
        ProtocolOptions options, int seed, bool keepUserMap, Action<string, double>? report, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var models = Train(world, views, methods, options, seed, report, cancellationToken);
        var attune = models.Attune.Model;
        var truth = world.Data.Dataset.GroundTruth;
        var bestOfN = truth is null ? null : new BestOfNTable(world.Data, world.Split.TestPrompts, attune, models.BradleyTerry);
        var cells = new Dictionary<string, Dictionary<int, CellAccumulator>>();
        var winRates = new Dictionary<int, List<double>>();
        var evaluator = new NewUserEvaluator(world, options, models, cells, winRates, bestOfN);
        for (int i = 0; i < world.NewUsers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluator.Evaluate(world.NewUsers[i], seed * 100_003 + i);
            report?.Invoke($"new users {i + 1}/{world.NewUsers.Count}", 0.6 + 0.4 * (i + 1) / world.NewUsers.Count);
        }

        return new SeedResult
        {
            Seed = seed,
            Curves = cells.ToDictionary(
                c => c.Key, c => (IReadOnlyDictionary<int, CellMetrics>)c.Value.ToDictionary(m => m.Key, m => m.Value.Finish())),
            BestOfNWinRate = winRates.ToDictionary(w => w.Key, w => w.Value.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()),
            AttuneRank = attune.Rank,
            JointRank = models.Joint?.Model.Rank ?? 0,
            TrueRank = (truth as Attune.Data.Synthetic.SyntheticGroundTruth)?.TrueRank,
            ElbowRank = models.Attune.ElbowRank,
            Spectrum = attune.Spectrum,
            AttuneInitialization = models.Attune.InitializationUsed.ToString(),
            InitializationReason = models.Attune.InitializationReason,
            Clusters = attune.Clusters?.Count ?? 0,
            SeenUsersAucAttune = SeenAuc(world, attune),
            SeenUsersAucJoint = models.Joint is { } joint ? SeenAuc(world, joint.Model) : double.NaN,
            TrainUsers = world.TrainUsers.Length,
            NewUsers = world.NewUsers.Count,
            TrainComparisons = world.Train.Count,
            CappedNewUsers = world.NewUsers.Count(t => t.Questions.Length < options.MaxAnswers),
            MeanCalibrationPool = world.NewUsers.Count == 0 ? 0 : world.NewUsers.Average(t => t.Questions.Length),
            AttuneSeconds = models.AttuneSeconds,
            JointSeconds = models.JointSeconds,
            Seconds = clock.Elapsed.TotalSeconds,
            Methods = models.Methods.ToDictionary(
                m => m.Method.Name, m => new MethodFacts(m.Model.Rank, m.Seconds, m.SeenAuc, m.View.Featurizer)),
            Users = keepUserMap ? MapOf(attune) : null,
        };
    }

    /// <summary>Pooled AUC of a model's own weights on the training users' test-prompt comparisons; NaN when there are none.</summary>
    public static double SeenAuc(EvaluationWorld world, PrefModel model)
    {
        if (world.SeenTest is not { } seen)
        {
            return double.NaN;
        }

        var margins = new float[seen.Count];
        model.PredictMargins(seen, margins);
        return BinaryMetrics.Auc(margins, seen.Preferences);
    }

    private static TrainedModels Train(
        EvaluationWorld world, IReadOnlyDictionary<EvaluationFeaturizer, ResponseFeatureView> views, IReadOnlyList<EvaluationMethod> methods,
        ProtocolOptions options, int seed, Action<string, double>? report, CancellationToken cancellationToken)
    {
        report?.Invoke("training Attune (SVD init, alternating)", 0.05);
        var clock = Stopwatch.StartNew();
        var attune = new PrefTrainer(TrainerOptionsCopy.With(options.Trainer, PrefMethod.Alternating, seed)).Train(world.Train, null, cancellationToken);
        var attuneSeconds = clock.Elapsed.TotalSeconds;
        // The baseline gets Attune's K: the comparison is about initialisation and optimisation, not about choosing K.
        PrefTrainingResult? joint = null;
        var jointSeconds = double.NaN;
        if (options.Methods.Contains(EvaluationMethods.RewardFeatures))
        {
            report?.Invoke("training reward features (random init, joint)", 0.3);
            clock.Restart();
            joint = new PrefTrainer(TrainerOptionsCopy.With(options.Trainer, PrefMethod.JointGradient, seed, attune.Model.Rank)).Train(world.Train, null, cancellationToken);
            jointSeconds = clock.Elapsed.TotalSeconds;
        }

        report?.Invoke("training global Bradley-Terry", 0.5);
        var bradleyTerry = BaselineTrainer.TrainBradleyTerry(world.Train, options.LogisticLambda, cancellationToken: cancellationToken);
        var model = attune.Model;
        float[] clusterWeights;
        int[] sizes;
        if (model.Clusters is { } clusters)
        {
            clusterWeights = clusters.ClusterWeights.ToArray();
            sizes = new int[clusters.Count];
            foreach (int c in clusters.Assignments)
            {
                if (c >= 0)
                {
                    sizes[c]++;
                }
            }
        }
        else
        {
            // Too few training users to cluster (hh has 2): each training user is its own cluster.
            clusterWeights = model.UserWeights.ToArray();
            sizes = new int[model.UserIds.Count];
            Array.Fill(sizes, 1);
        }

        var trained = MethodTrainer.Train(world, views, methods.Where(m => m.Name != EvaluationMethods.Attune).ToArray(), options, seed, report, cancellationToken);
        var viewBradleyTerry = views
            .Where(v => v.Key != EvaluationFeaturizer.Dataset)
            .Select(v => (FeaturizerKey(v.Key), v.Value, MethodTrainer.GlobalBradleyTerry(world, v.Value, options, cancellationToken)))
            .ToArray();
        return new TrainedModels(attune, joint, bradleyTerry, clusterWeights, sizes, attuneSeconds, jointSeconds, trained, viewBradleyTerry);
    }

    /// <summary>The featurizer's name in method keys ("minilm", "composite").</summary>
    public static string FeaturizerKey(EvaluationFeaturizer kind) => kind.ToString().ToLowerInvariant();

    private static UserMap MapOf(PrefModel model)
    {
        var weights = new List<float[]>();
        for (int u = 0; u < model.UserIds.Count; u++)
        {
            weights.Add(model.GetUserWeights(u).ToArray());
        }

        var clusters = model.Clusters?.Assignments.ToArray() ?? Enumerable.Range(0, model.UserIds.Count).ToArray();
        return new UserMap(model.UserIds.ToArray(), weights, clusters);
    }
}
