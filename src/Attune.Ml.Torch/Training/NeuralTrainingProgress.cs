namespace Attune.Ml.Torch.Training;

/// <summary>After each epoch: the mean mini-batch objective (J / n estimate) and the mean validation BCE (NaN without validation).</summary>
public sealed record NeuralTrainingProgress(int Epoch, double Objective, double ValidationLoss);
