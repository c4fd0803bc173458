using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Torch.Training;
using Attune.Ml.Training;
using Attune.Trainer.Options;

namespace Attune.Trainer.Training;

/// <summary>
/// Trains the configured learner (<see cref="TrainerOptions.Learner"/>): PReF's linear basis, and for <c>neural</c> the
/// residual MLP trained from that solution (U = 0, <see cref="NeuralPrefTrainer"/>: the CPU with
/// <see cref="TrainerOptions.NeuralThreads"/> threads, or CUDA where TorchSharp sees one). The model's
/// <see cref="PrefModel.Settings"/> record the choice: <c>learner</c> and <c>featurizer</c> (the description).
/// </summary>
public static class TrainingLearner
{
    /// <summary>Trains on <paramref name="data"/> (built with responses for the neural learner).</summary>
    /// <exception cref="ArgumentException">The data cannot be trained on (as <see cref="PrefTrainer"/>), or the neural learner got no responses.</exception>
    public static (PrefTrainingResult Linear, PrefModel Model) Train(
        PrefTrainingOptions linearOptions, TrainerOptions options, ComparisonSet data, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linearOptions);
        ArgumentNullException.ThrowIfNull(options);
        var linear = new PrefTrainer(linearOptions).Train(data, progress, cancellationToken);
        var model = linear.Model;
        if (options.IsNeural)
        {
            var neural = new NeuralTrainingOptions { Seed = linearOptions.Seed, Threads = options.NeuralThreads, Device = TorchDevicePreference.Auto };
            model = new NeuralPrefTrainer(neural).Train(data, linear.Model, null, cancellationToken).Model;
        }

        var settings = new Dictionary<string, string>(model.Settings)
        {
            ["learner"] = options.IsNeural ? TrainerFeaturizers.Neural : TrainerFeaturizers.Linear,
            ["featurizer"] = model.Featurizer,
        };
        return (linear, new PrefModel(
            model.Method, model.Rank, model.Dimension, model.V.ToArray(), model.UserIds, model.UserWeights.ToArray(), model.Prior,
            model.Featurizer, model.Spectrum, model.Clusters, model.Metrics, settings, model.Residual));
    }
}
