using System.Globalization;
using Attune.Ml.Clustering;
using Attune.Ml.Data;
using Attune.Ml.Metrics;
using Attune.Ml.Models;
using Attune.Ml.Torch.Data;
using Attune.Ml.Torch.Modules;
using Attune.Ml.Torch.Objectives;
using Attune.Ml.Training;
using Attune.Ml.Users;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Training;

/// <summary>
/// Trains the neural PReF basis phi_theta(e) = V e + U tanh(H e + b) jointly with W on
/// <see cref="NeuralPrefObjective"/>, starting exactly at a linear PReF solution (V and W from <see cref="PrefTrainer"/>,
/// U = 0, b = 0, H random): mini-batches drawn in a seeded order, Adam, the validation split of
/// <see cref="ComparisonSplit"/> (the linear run's, for the same seed and fraction), and early stopping that keeps the
/// epoch with the lowest validation loss (epoch 0, the linear start, included: the result is never worse on validation
/// than the start). Deterministic for a seed on the CPU with one thread.
/// </summary>
public sealed class NeuralPrefTrainer(NeuralTrainingOptions options)
{
    private readonly NeuralTrainingOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Trains from <paramref name="linear"/> on <paramref name="data"/> (built with <see cref="ComparisonSet.FromResponses"/>).</summary>
    /// <exception cref="ArgumentException">No per-response embeddings, or the linear model's D or users differ from the data's.</exception>
    /// <exception cref="OperationCanceledException">cancellationToken was cancelled.</exception>
    public NeuralTrainingResult Train(
        ComparisonSet data, PrefModel linear, IProgress<NeuralTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(linear);
        if (data.Responses is null)
        {
            throw new ArgumentException("The neural basis needs each pair's two response embeddings: build the set with ComparisonSet.FromResponses.", nameof(data));
        }

        if (linear.Dimension != data.Features.Columns || linear.UserIds.Count != data.UserCount)
        {
            throw new ArgumentException(
                $"The linear model (D = {linear.Dimension}, {linear.UserIds.Count} users) does not fit the data (D = {data.Features.Columns}, {data.UserCount} users).",
                nameof(linear));
        }

        Device device = TorchDevice.Select(_options.Device, _options.Threads);
        manual_seed(_options.Seed);
        (int[] trainRows, int[]? validationRows) = ComparisonSplit.Indices(data.Count, _options.ValidationFraction, _options.Seed);
        ComparisonSet trainSet = data.Subset(trainRows);
        using var train = new ComparisonTensors(trainSet, ScalarType.Float32, device);
        using ComparisonTensors? validation = validationRows is null ? null : new ComparisonTensors(data.Subset(validationRows), ScalarType.Float32, device);
        using NeuralPrefNetwork network = NeuralPrefNetwork.FromLinear(linear, _options.Hidden, _options.HScale, ScalarType.Float32, device);
        var objective = new NeuralPrefObjective(_options.LambdaW, _options.LambdaTheta, train.Count);
        using var optimizer = optim.Adam(network.parameters(), _options.LearningRate);

        double initial = ValidationLoss(network, validation);
        var best = ParameterSnapshot.Take(network);
        double bestValidation = initial;
        int bestEpoch = 0, bad = 0, epoch = 0;
        var order = new long[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new Random(_options.Seed);
        while (epoch < _options.MaxEpochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epoch++;
            random.Shuffle(order);
            double objectiveSum = RunEpoch(network, train, objective, optimizer, order);
            double validationLoss = ValidationLoss(network, validation);
            progress?.Report(new NeuralTrainingProgress(epoch, objectiveSum, validationLoss));
            if (validation is null || validationLoss < bestValidation - 1e-7)
            {
                best = ParameterSnapshot.Take(network);
                bestValidation = validationLoss;
                bestEpoch = epoch;
                bad = 0;
            }
            else if (++bad >= _options.Patience)
            {
                break;
            }
        }

        best.Restore(network);
        double trainLoss = MeanLoss(network, train);
        PrefModel model = BuildModel(linear, trainSet, network, best, initial, bestValidation, trainLoss, validation);
        return new NeuralTrainingResult(model, initial, bestValidation, trainLoss, epoch, bestEpoch, device.type == DeviceType.CUDA ? "cuda" : "cpu");
    }

    private double RunEpoch(NeuralPrefNetwork network, ComparisonTensors train, NeuralPrefObjective objective, OptimizerHelper optimizer, long[] order)
    {
        double sum = 0.0;
        int batches = 0;
        for (int start = 0; start < order.Length; start += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            int length = Math.Min(_options.BatchSize, order.Length - start);
            Tensor batch = tensor(order.AsSpan(start, length).ToArray(), device: train.Users.device);
            optimizer.zero_grad();
            Tensor loss = objective.Loss(
                network, train.Margins(network, batch), train.Preferences.index_select(0, batch), train.Weights.index_select(0, batch));
            loss.backward();
            optimizer.step();
            sum += loss.ToDouble();
            batches++;
        }

        return batches == 0 ? double.NaN : sum / batches;
    }

    private static double ValidationLoss(NeuralPrefNetwork network, ComparisonTensors? validation) =>
        validation is null ? double.NaN : MeanLoss(network, validation);

    private static double MeanLoss(NeuralPrefNetwork network, ComparisonTensors set)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return NeuralPrefObjective.MeanDataLoss(set.Margins(network), set.Preferences, set.Weights);
    }

    private PrefModel BuildModel(
        PrefModel linear, ComparisonSet trainSet, NeuralPrefNetwork network, ParameterSnapshot best, double initial, double validationLoss,
        double trainLoss, ComparisonTensors? validation)
    {
        int k = linear.Rank;
        var trainedUsers = new HashSet<int>();
        foreach (int u in trainSet.Users)
        {
            trainedUsers.Add(u);
        }

        var trained = new List<float>();
        for (int u = 0; u < network.UserCount; u++)
        {
            if (trainedUsers.Contains(u))
            {
                trained.AddRange(best.W.AsSpan(u * k, k).ToArray());
            }
        }

        var metrics = new Dictionary<string, double>
        {
            ["train_loss"] = trainLoss,
            ["validation_loss"] = validationLoss,
            ["initial_validation_loss"] = initial,
        };
        if (validation is not null)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            float[] margins = validation.Margins(network).cpu().to(ScalarType.Float32).data<float>().ToArray();
            float[] preferences = validation.Preferences.cpu().to(ScalarType.Float32).data<float>().ToArray();
            metrics["validation_auc"] = BinaryMetrics.Auc(margins, preferences);
        }

        var settings = new Dictionary<string, string>(linear.Settings);
        foreach (var (key, value) in _options.Describe())
        {
            settings[key] = value;
        }

        settings["linear_method"] = linear.Method;
        settings["chosen_rank"] = k.ToString(CultureInfo.InvariantCulture);
        var prior = GaussianPrior.FromUserWeights(trained.ToArray(), k, _options.PriorShrinkage);
        ClusterModel? clusters = linear.Clusters is null ? null : UserClustering.Fit(best.W, k, seed: _options.Seed);
        var residual = new ResidualBasis(k, linear.Dimension, _options.Hidden, best.H, best.B, best.U);
        return new PrefModel(
            "pref-neural", k, linear.Dimension, best.V, linear.UserIds, best.W, prior, linear.Featurizer, linear.Spectrum,
            clusters, metrics, settings, residual);
    }
}
