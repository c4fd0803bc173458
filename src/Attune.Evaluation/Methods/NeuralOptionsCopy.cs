using Attune.Ml.Torch.Training;

namespace Attune.Evaluation.Methods;

/// <summary>Copies <see cref="NeuralTrainingOptions"/> (an init-only class) with the protocol seed.</summary>
internal static class NeuralOptionsCopy
{
    public static NeuralTrainingOptions With(NeuralTrainingOptions o, int seed) => new()
    {
        Hidden = o.Hidden,
        HScale = o.HScale,
        LearningRate = o.LearningRate,
        BatchSize = o.BatchSize,
        MaxEpochs = o.MaxEpochs,
        Patience = o.Patience,
        LambdaW = o.LambdaW,
        LambdaTheta = o.LambdaTheta,
        ValidationFraction = o.ValidationFraction,
        Seed = seed,
        Device = o.Device,
        Threads = o.Threads,
        PriorShrinkage = o.PriorShrinkage,
    };
}
