using Attune.Ml.Models;

namespace Attune.Ml.Torch.Training;

/// <summary>What a <see cref="NeuralPrefTrainer"/> run produced.</summary>
/// <param name="Model">The model with its residual MLP (method "pref-neural"), scored by Attune.Ml without TorchSharp.</param>
/// <param name="InitialValidationLoss">Mean validation BCE at the linear start (U = 0); NaN without validation.</param>
/// <param name="ValidationLoss">Mean validation BCE of the kept parameters; NaN without validation.</param>
/// <param name="TrainLoss">Mean training BCE (no penalty) of the kept parameters.</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="BestEpoch">Epoch of the kept parameters (0 = the linear start).</param>
/// <param name="Device">"cpu" or "cuda".</param>
public sealed record NeuralTrainingResult(
    PrefModel Model, double InitialValidationLoss, double ValidationLoss, double TrainLoss, int Epochs, int BestEpoch, string Device);
