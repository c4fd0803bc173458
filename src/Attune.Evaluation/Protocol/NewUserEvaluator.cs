using Attune.Data.Synthetic;
using Attune.Ml.Active;
using Attune.Ml.Data;
using Attune.Ml.Kernels;
using Attune.Ml.Models;
using Attune.Ml.Training;
using Attune.Ml.Users;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// Scores every method for one new user at every m. Keys of the cells: "attune:&lt;strategy&gt;" and
/// "reward-features:&lt;strategy&gt;" (posterior fit with the model's prior after each answer), "global-bt" (the shared
/// reward, the same for every m), "per-user" (logistic regression on raw features from the first m answers of the random
/// order), "cluster" (the cluster reward that best explains those m answers; the largest cluster at m = 0) and "oracle"
/// (the true reward, where the world has one). In the synthetic world "true-basis:&lt;strategy&gt;" is a reference for what
/// the answers alone can tell: the same questions, fitter and selector, but with the true basis z* = s V* d and the true
/// prior N(0, I / K_true) handed over, so nothing is learned from the training users.
/// </summary>
internal sealed class NewUserEvaluator(
    EvaluationWorld world,
    ProtocolOptions options,
    TrainedModels models,
    Dictionary<string, Dictionary<int, CellAccumulator>> cells,
    Dictionary<int, List<double>> winRates,
    BestOfNTable? bestOfN)
{
    public void Evaluate(NewUserTask task, int seed)
    {
        var data = world.Data;
        int[] calibrationRows = task.Questions;
        float[] answers = task.Answers;
        int[] testRows = task.Test.Select(i => data.Pairs[i]).ToArray();
        float[] testY = task.Test.Select(i => data.Preferences[i]).ToArray();
        int[] randomOrder = [];
        var linear = new List<(string, PrefModel)> { ("attune", models.Attune.Model) };
        if (models.Joint is { } joint)
        {
            linear.Add(("reward-features", joint.Model));
        }

        foreach (var (name, model) in linear)
        {
            float[] zCalibration = calibrationRows.Length == 0 ? [] : model.ProjectPairs(data.Features, calibrationRows);
            float[] zTest = model.ProjectPairs(data.Features, testRows);
            foreach (var strategy in SeedEvaluator.Strategies)
            {
                var (means, covariances, asked) = QuerySession.Run(model.Prior, zCalibration, answers, strategy, options.AnswerCounts, seed);
                for (int j = 0; j < means.Length; j++)
                {
                    Add($"{name}:{Key(strategy)}", options.AnswerCounts[j], Score(zTest, means[j], covariances[j]), testY);
                    if (name == "attune" && strategy == QueryStrategy.Uncertainty && bestOfN is not null)
                    {
                        var truth = data.Dataset.GroundTruth!;
                        Rate(options.AnswerCounts[j], bestOfN.WinRate(truth, data.Dataset.Users[task.DatasetUser], means[j]));
                    }
                }

                if (name == "attune" && strategy == QueryStrategy.Random)
                {
                    randomOrder = asked;
                }
            }

            if (name == "attune")
            {
                ScoreClusters(model, zCalibration, answers, zTest, testY, randomOrder);
            }
        }

        foreach (var method in models.Methods)
        {
            var model = method.Model;
            var pairs = method.View.Pairs;
            float[] zCalibration = calibrationRows.Length == 0 ? [] : model.ProjectPairs(pairs, calibrationRows);
            float[] zTest = model.ProjectPairs(pairs, testRows);
            foreach (var strategy in SeedEvaluator.Strategies)
            {
                var (means, covariances, _) = QuerySession.Run(model.Prior, zCalibration, answers, strategy, options.AnswerCounts, seed);
                for (int j = 0; j < means.Length; j++)
                {
                    Add($"{method.Method.Name}:{Key(strategy)}", options.AnswerCounts[j], Score(zTest, means[j], covariances[j]), testY);
                }
            }
        }

        foreach (var (featurizer, view, bradleyTerry) in models.ViewBradleyTerry)
        {
            var margins = testRows.Select(row => view.Differences.Dot(row, bradleyTerry.Coefficients)).ToArray();
            foreach (int m in options.AnswerCounts)
            {
                Add($"global-bt-{featurizer}", m, margins, testY);
            }
        }

        if (data.Dataset.GroundTruth is SyntheticGroundTruth synthetic && calibrationRows.Length > 0)
        {
            ScoreTrueBasis(synthetic, calibrationRows, answers, testRows, testY, seed);
        }

        var global = new float[testRows.Length];
        for (int i = 0; i < testRows.Length; i++)
        {
            global[i] = data.Features.Dot(testRows[i], models.BradleyTerry.Coefficients);
        }

        foreach (int m in options.AnswerCounts)
        {
            Add("global-bt", m, global, testY);
            Add("per-user", m, PerUser(calibrationRows, answers, randomOrder.AsSpan(0, Math.Min(m, randomOrder.Length)), testRows), testY);
        }

        if (data.Dataset.GroundTruth is { } groundTruth)
        {
            // Scored in the same orientation as every model (the pair row's first response vs its second): AUC is not
            // invariant to flipping individual comparisons, so a different orientation would not be the same test.
            var user = data.Dataset.Users[task.DatasetUser];
            var prompts = data.Dataset.Prompts;
            var oracle = testRows.Select(row =>
            {
                var (first, second) = data.PairResponses[row];
                var prompt = prompts[data.PairPrompt[row]].Prompt;
                return (float)(groundTruth.Reward(user, prompt, first) - groundTruth.Reward(user, prompt, second));
            }).ToArray();
            foreach (int m in options.AnswerCounts)
            {
                Add("oracle", m, oracle, testY);
            }
        }
    }

    private float[] Score(float[] z, double[] mean, double[] covariance)
    {
        if (options.Scoring == NewUserScoring.PosteriorMean)
        {
            return Margins.Of(z, mean);
        }

        var margins = new float[z.Length / mean.Length];
        PredictiveMargin.Of(mean, covariance, z, margins);
        return margins;
    }

    private void ScoreTrueBasis(
        SyntheticGroundTruth truth, int[] calibrationRows, float[] answers, int[] testRows, float[] testY, int seed)
    {
        int k = truth.TrueRank, d = truth.FeatureDimension;
        var map = new float[k * d];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = (float)(truth.RewardScale * truth.TrueMap[i]);
        }

        float[] Project(int[] rows)
        {
            var z = new float[rows.Length * k];
            for (int i = 0; i < rows.Length; i++)
            {
                world.Data.Features.Project(rows[i], map, k, z.AsSpan(i * k, k));
            }

            return z;
        }

        var covariance = new double[k * k];
        for (int a = 0; a < k; a++)
        {
            covariance[a * k + a] = 1.0 / k;
        }

        var prior = new GaussianPrior(new double[k], covariance);
        float[] zCalibration = Project(calibrationRows), zTest = Project(testRows);
        foreach (var strategy in new[] { QueryStrategy.Uncertainty, QueryStrategy.Random })
        {
            var (means, covariances, _) = QuerySession.Run(prior, zCalibration, answers, strategy, options.AnswerCounts, seed);
            for (int j = 0; j < means.Length; j++)
            {
                Add($"true-basis:{Key(strategy)}", options.AnswerCounts[j], Score(zTest, means[j], covariances[j]), testY);
            }
        }
    }

    private static string Key(QueryStrategy strategy) => strategy switch
    {
        QueryStrategy.Uncertainty => "uncertainty",
        QueryStrategy.InformationGain => "information-gain",
        _ => "random",
    };

    private void ScoreClusters(PrefModel model, float[] zCalibration, float[] answers, float[] zTest, float[] testY, int[] order)
    {
        int k = model.Rank;
        int count = models.ClusterSizes.Length;
        foreach (int m in options.AnswerCounts)
        {
            int used = Math.Min(m, order.Length);
            int best = Array.IndexOf(models.ClusterSizes, models.ClusterSizes.Max());
            double bestLikelihood = double.NegativeInfinity;
            for (int c = 0; c < count && used > 0; c++)
            {
                ReadOnlySpan<float> w = models.ClusterWeights.AsSpan(c * k, k);
                double likelihood = 0;
                for (int j = 0; j < used; j++)
                {
                    double margin = System.Numerics.Tensors.TensorPrimitives.Dot(w, zCalibration.AsSpan(order[j] * k, k));
                    double y = answers[order[j]];
                    likelihood += y * Math.Log(Math.Max(Logistic.Sigmoid(margin), 1e-12)) + (1 - y) * Math.Log(Math.Max(Logistic.Sigmoid(-margin), 1e-12));
                }

                if (likelihood > bestLikelihood)
                {
                    bestLikelihood = likelihood;
                    best = c;
                }
            }

            Add("cluster", m, Margins.Of(zTest, models.ClusterWeights.AsSpan(best * k, k)), testY);
        }
    }

    private float[] PerUser(int[] calibrationRows, float[] answers, ReadOnlySpan<int> asked, int[] testRows)
    {
        var margins = new float[testRows.Length];
        if (asked.IsEmpty)
        {
            return margins;
        }

        var own = new ComparisonSet(
            world.Data.Features, 1, new int[asked.Length], asked.ToArray().Select(j => calibrationRows[j]).ToArray(),
            asked.ToArray().Select(j => answers[j]).ToArray());
        var beta = BaselineTrainer.TrainBradleyTerry(own, options.LogisticLambda).Coefficients;
        for (int i = 0; i < testRows.Length; i++)
        {
            margins[i] = world.Data.Features.Dot(testRows[i], beta);
        }

        return margins;
    }

    private void Add(string method, int m, float[] margins, float[] preferences)
    {
        if (!cells.TryGetValue(method, out var byM))
        {
            cells[method] = byM = [];
        }

        if (!byM.TryGetValue(m, out var cell))
        {
            byM[m] = cell = new CellAccumulator();
        }

        cell.Add(margins, preferences);
    }

    private void Rate(int m, double rate)
    {
        if (!winRates.TryGetValue(m, out var list))
        {
            winRates[m] = list = [];
        }

        list.Add(rate);
    }
}
