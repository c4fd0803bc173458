using Attune.Ml.Training;

namespace Attune.Evaluation.Protocol;

/// <summary>Copies <see cref="PrefTrainingOptions"/> (an init-only class) with another method and seed.</summary>
internal static class TrainerOptionsCopy
{
    public static PrefTrainingOptions With(PrefTrainingOptions o, PrefMethod method, int seed, int? rank = null) => new()
    {
        Method = method,
        Rank = rank ?? o.Rank,
        MaxRank = o.MaxRank,
        LambdaV = o.LambdaV,
        LambdaW = o.LambdaW,
        RidgeLambda = o.RidgeLambda,
        CompletionShrinkage = o.CompletionShrinkage,
        ValidationFraction = o.ValidationFraction,
        MaxOuterIterations = o.MaxOuterIterations,
        VStepIterations = o.VStepIterations,
        JointMaxIterations = o.JointMaxIterations,
        EvaluationInterval = o.EvaluationInterval,
        Patience = o.Patience,
        FallbackRank = o.FallbackRank,
        PriorShrinkage = o.PriorShrinkage,
        ComputeClusters = o.ComputeClusters,
        MinClusters = o.MinClusters,
        MaxClusters = o.MaxClusters,
        Seed = seed,
        Featurizer = o.Featurizer,
    };
}
