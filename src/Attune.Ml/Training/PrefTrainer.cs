using System.Globalization;
using Attune.Ml.Clustering;
using Attune.Ml.Data;
using Attune.Ml.Factorization;
using Attune.Ml.Metrics;
using Attune.Ml.Models;
using Attune.Ml.Objectives;
using Attune.Ml.Users;

namespace Attune.Ml.Training;

/// <summary>
/// Trains a <see cref="PrefModel"/> minimising J(V, W) = sum_i c_i BCE(y_i, sigmoid(w_{u_i} . V d_{p_i}))
/// + lambda_w/2 ||W||^2 + lambda_v/2 ||V||^2, V shape (K, D), W shape (users, K). Deterministic for options.Seed.
/// <para>PReF (<see cref="PrefMethod.Alternating"/>):</para>
/// <list type="number">
/// <item>hold out options.ValidationFraction of the comparisons (seeded shuffle);</item>
/// <item>build the users x pairs matrix of centred preferences 2y - 1 over observed cells only and complete it with a
/// nuclear-norm penalty at the noise level (<see cref="MatrixCompletion"/>); its singular values are the spectrum;</item>
/// <item>K: options.Rank when given, else the spectrum's elbow and its neighbours (elbow +- 1), each trained and
/// compared on validation loss;</item>
/// <item>initialise W from the user factors and V by ridge regression of the pair factors on d_p, so phi generalises
/// to unseen pairs;</item>
/// <item>refine by alternating convex blocks (w_u by Newton per user, V by L-BFGS), early-stopped on validation.</item>
/// </list>
/// When no pair was judged by two users the matrix has nothing to factor: V and W start at random (with
/// <see cref="PrefTrainingResult.InitializationReason"/> saying so) and K is options.Rank or options.FallbackRank.
/// <para>Reward features (<see cref="PrefMethod.JointGradient"/>): joint L-BFGS over (V, W) from random values.</para>
/// Users without training comparisons keep their initial weights and are left out of the new-user prior.
/// </summary>
public sealed class PrefTrainer(PrefTrainingOptions options)
{
    private readonly PrefTrainingOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Trains on data, holding out options.ValidationFraction of the comparisons (seeded) for early stopping.</summary>
    /// <exception cref="ArgumentException">A fixed K larger than min(users, pairs, D), or MaxClusters &lt; MinClusters.</exception>
    /// <exception cref="OperationCanceledException">cancellationToken was cancelled.</exception>
    public PrefTrainingResult Train(ComparisonSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        int pairs = DistinctPairs(data);
        int limit = Math.Min(Math.Min(data.UserCount, pairs), data.Features.Columns);
        if (_options.Rank is int fixedRank && fixedRank > limit)
        {
            throw new ArgumentException(
                $"K = {fixedRank} exceeds what the data allow: min(users = {data.UserCount}, pairs = {pairs}, D = {data.Features.Columns}) = {limit}.",
                nameof(data));
        }

        if (_options.MaxClusters < _options.MinClusters)
        {
            throw new ArgumentException($"MaxClusters = {_options.MaxClusters} is below MinClusters = {_options.MinClusters}.", nameof(data));
        }

        var context = new TrainingContext(data, _options.ValidationFraction, _options.Seed);
        var matrix = new PreferenceMatrix(context.Train);
        string? reason = null;
        if (matrix.SharedColumns == 0)
        {
            reason = "No pair was judged by two users: the users x pairs matrix has no shared structure to factor, so V and W start at random.";
        }

        progress?.Report(new TrainingProgress(TrainingPhase.Factorization, 0, 0, double.NaN, double.NaN));
        int maxRank = Math.Min(Math.Min(Math.Max(_options.Rank ?? 1, _options.MaxRank), limit), Math.Min(matrix.Rows, matrix.Columns));
        double lambda = _options.CompletionShrinkage * MatrixCompletion.NoiseLevelLambda(matrix.Values, matrix.Rows, matrix.Columns);
        IReadOnlyList<double> spectrum = Array.Empty<double>();
        int? elbow = null;
        if (matrix.SharedColumns > 0)
        {
            spectrum = MatrixCompletion.Complete(
                matrix.RowOf, matrix.ColumnOf, matrix.Values, matrix.Rows, matrix.Columns, maxRank, lambda, _options.Seed,
                cancellationToken: cancellationToken).SingularValues;
            if (_options.Rank is null)
            {
                elbow = SpectrumAnalysis.Elbow(spectrum);
            }
        }

        var candidates = new List<int>();
        if (_options.Rank is int k)
        {
            candidates.Add(k);
        }
        else if (elbow is int e)
        {
            for (int c = Math.Max(1, e - 1); c <= Math.Min(maxRank, e + 1); c++)
            {
                candidates.Add(c);
            }
        }
        else
        {
            candidates.Add(Math.Min(_options.FallbackRank, limit));
        }

        if (context.Validation is null && candidates.Count > 1)
        {
            candidates = [elbow!.Value];
        }

        var losses = new Dictionary<int, double>();
        RefinementRun? best = null;
        for (int j = 0; j < candidates.Count; j++)
        {
            var phase = candidates.Count > 1 ? TrainingPhase.RankSelection : TrainingPhase.Refinement;
            RefinementRun run = FitRank(context, matrix, candidates[j], lambda, phase, progress, cancellationToken);
            if (candidates.Count > 1)
            {
                losses[candidates[j]] = run.ValidationLoss;
            }

            if (best is null || run.ValidationLoss < best.ValidationLoss)
            {
                best = run;
            }
        }

        RefinementRun chosen = best!;
        bool factored = matrix.SharedColumns > 0 && _options.Method == PrefMethod.Alternating && chosen.Rank <= Math.Min(matrix.Rows, matrix.Columns);
        var initialization = factored ? InitializationKind.Factorization : InitializationKind.Random;
        if (!factored && reason is null && _options.Method == PrefMethod.Alternating)
        {
            reason = $"K = {chosen.Rank} exceeds the {matrix.Columns} distinct pairs left for training after the validation split, so V and W start at random.";
        }

        if (_options.Method == PrefMethod.JointGradient && reason is null)
        {
            reason = "The joint-gradient method starts at random by design.";
        }

        progress?.Report(new TrainingProgress(TrainingPhase.Finishing, 1, chosen.Iterations, chosen.TrainLoss, chosen.ValidationLoss));
        PrefModel model = Finish(context, chosen, spectrum);
        return new PrefTrainingResult(model, initialization, reason, elbow, losses, chosen.TrainLoss, chosen.ValidationLoss, chosen.Iterations);
    }

    private RefinementRun FitRank(
        TrainingContext context, PreferenceMatrix matrix, int rank, double lambda, TrainingPhase phase,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        float[] v;
        float[] w;
        if (_options.Method == PrefMethod.Alternating && matrix.SharedColumns > 0 && rank <= Math.Min(matrix.Rows, matrix.Columns))
        {
            (v, w) = FactorInitializer.Initialize(context, matrix, rank, lambda, _options.RidgeLambda, _options.Seed + rank, cancellationToken);
        }
        else
        {
            (v, w) = RandomStart(context, rank, _options.Seed + rank);
        }

        return _options.Method == PrefMethod.Alternating
            ? AlternatingRefiner.Run(context, v, w, rank, _options, progress, phase, cancellationToken)
            : JointRefiner.Run(context, v, w, rank, _options, progress, cancellationToken);
    }

    private static (float[] V, float[] W) RandomStart(TrainingContext context, int rank, int seed)
    {
        var random = new Random(seed);
        var v = new float[rank * context.Dimension];
        var w = new float[context.UserCount * rank];
        double vScale = 1.0 / Math.Sqrt(context.Dimension);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = (float)(vScale * MatrixCompletion.Gaussian(random));
        }

        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (float)(0.5 * MatrixCompletion.Gaussian(random));
        }

        return (v, w);
    }

    private PrefModel Finish(TrainingContext context, RefinementRun run, IReadOnlyList<double> spectrum)
    {
        int k = run.Rank;
        var trained = new List<float>();
        var trainedUsers = new List<int>();
        for (int u = 0; u < context.UserCount; u++)
        {
            if (context.UserStart[u + 1] > context.UserStart[u])
            {
                trainedUsers.Add(u);
                trained.AddRange(run.W.AsSpan(u * k, k).ToArray());
            }
        }

        var prior = GaussianPrior.FromUserWeights(trained.ToArray(), k, _options.PriorShrinkage);
        ClusterModel? clusters = null;
        if (_options.ComputeClusters && trainedUsers.Count >= 4 && trainedUsers.Count > _options.MinClusters)
        {
            clusters = UserClustering.Fit(run.W, k, _options.MinClusters, _options.MaxClusters, _options.Seed);
        }

        var metrics = new Dictionary<string, double>
        {
            ["train_loss"] = run.TrainLoss,
            ["validation_loss"] = run.ValidationLoss,
        };
        if (context.Validation is { } validation)
        {
            var projection = new PairProjection(validation, k);
            projection.Compute(run.V);
            var margins = new float[validation.Count];
            for (int i = 0; i < validation.Count; i++)
            {
                margins[i] = System.Numerics.Tensors.TensorPrimitives.Dot(
                    run.W.AsSpan(validation.Users[i] * k, k), projection.Z.AsSpan(projection.SlotOfComparison[i] * k, k));
            }

            var probabilities = new float[margins.Length];
            BinaryMetrics.ToProbabilities(margins, probabilities);
            metrics["validation_auc"] = BinaryMetrics.Auc(margins, validation.Preferences);
            metrics["validation_accuracy"] = BinaryMetrics.Accuracy(probabilities, validation.Preferences);
            metrics["validation_log_loss"] = BinaryMetrics.LogLoss(probabilities, validation.Preferences);
            metrics["validation_ece"] = BinaryMetrics.ExpectedCalibrationError(probabilities, validation.Preferences);
        }

        var settings = _options.Describe();
        settings["chosen_rank"] = k.ToString(CultureInfo.InvariantCulture);
        string method = _options.Method == PrefMethod.Alternating ? "pref-alternating" : "reward-features-joint";
        return new PrefModel(method, k, context.Dimension, run.V, context.Train.UserIds, run.W, prior, _options.Featurizer, spectrum, clusters, metrics, settings);
    }

    private static int DistinctPairs(ComparisonSet data)
    {
        var seen = new HashSet<int>();
        foreach (int p in data.Pairs)
        {
            seen.Add(p);
        }

        return seen.Count;
    }
}
