using System.Diagnostics;
using Attune.Evaluation.Data;
using Attune.Evaluation.Protocol;
using Attune.Ml.Metrics;
using Attune.Ml.Models;
using Attune.Ml.Torch.Training;
using Attune.Ml.Training;

namespace Attune.Evaluation.Methods;

/// <summary>
/// Trains the selected featurizer x learner methods of one seed on the protocol's own training comparisons, re-expressed
/// over each featurizer's view (same users, pairs and labels): linear with <see cref="PrefTrainer"/> (the protocol's
/// trainer settings and seed, as Attune), neural with <see cref="NeuralPrefTrainer"/> from that linear solution (U = 0).
/// A neural method reuses its featurizer's linear model when that method is also selected; its seconds include the
/// linear start either way.
/// </summary>
internal static class MethodTrainer
{
    public static IReadOnlyList<TrainedMethod> Train(
        EvaluationWorld world, IReadOnlyDictionary<EvaluationFeaturizer, ResponseFeatureView> views, IReadOnlyList<EvaluationMethod> methods,
        ProtocolOptions options, int seed, Action<string, double>? report, CancellationToken cancellationToken)
    {
        var trained = new List<TrainedMethod>();
        var linear = new Dictionary<EvaluationFeaturizer, (PrefModel Model, double Seconds)>();
        var todo = methods.Where(m => views.ContainsKey(m.Featurizer)).ToArray();
        for (var i = 0; i < todo.Length; i++)
        {
            var method = todo[i];
            var view = views[method.Featurizer];
            var train = view.Reexpress(world.Train, out _)
                ?? throw new InvalidOperationException($"{method.Name}: no training comparison is left under '{view.Featurizer}'.");
            report?.Invoke($"training {method.Name}", 0.5 + (0.1 * i / todo.Length));
            if (!linear.TryGetValue(method.Featurizer, out var start))
            {
                var clock = Stopwatch.StartNew();
                var result = new PrefTrainer(TrainerOptionsCopy.With(options.Trainer, PrefMethod.Alternating, seed)).Train(train, null, cancellationToken);
                linear[method.Featurizer] = start = (result.Model, clock.Elapsed.TotalSeconds);
            }

            var model = start.Model;
            var seconds = start.Seconds;
            if (method.Learner == EvaluationLearner.Neural)
            {
                var clock = Stopwatch.StartNew();
                model = new NeuralPrefTrainer(NeuralOptionsCopy.With(options.Neural, seed)).Train(train, start.Model, null, cancellationToken).Model;
                seconds += clock.Elapsed.TotalSeconds;
            }

            trained.Add(new TrainedMethod(method, model, view, seconds, SeenAuc(view.Reexpress(world.SeenTest, out _), model)));
        }

        return trained;
    }

    /// <summary>Global Bradley-Terry on a view's training comparisons: one shared linear reward on that featurizer's e.</summary>
    public static LinearRewardModel GlobalBradleyTerry(EvaluationWorld world, ResponseFeatureView view, ProtocolOptions options, CancellationToken cancellationToken) =>
        BaselineTrainer.TrainBradleyTerry(
            view.Reexpress(world.Train, out _) ?? throw new InvalidOperationException($"no training comparison is left under '{view.Featurizer}'."),
            options.LogisticLambda, cancellationToken: cancellationToken);

    private static double SeenAuc(Ml.Data.ComparisonSet? seen, PrefModel model)
    {
        if (seen is null)
        {
            return double.NaN;
        }

        var margins = new float[seen.Count];
        model.PredictMargins(seen, margins);
        return BinaryMetrics.Auc(margins, seen.Preferences);
    }
}
