namespace Attune.Ml.Training;

/// <summary>Parameters kept by a refinement (those of the best validation loss) and their losses.</summary>
internal sealed record RefinementRun(float[] V, float[] W, int Rank, double TrainLoss, double ValidationLoss, int Iterations);
