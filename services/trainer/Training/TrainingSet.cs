using Attune.Ml.Data;

namespace Attune.Trainer.Training;

/// <summary>The feedback of one job as numbers.</summary>
/// <param name="Data">Comparisons against one feature row per distinct pair.</param>
/// <param name="Pairs">Distinct pairs (rows of the feature matrix) the comparisons use.</param>
/// <param name="Loaded">Comparisons loaded from the store.</param>
/// <param name="Skipped">Comparisons left out: identical responses, or responses the featurizer cannot tell apart.</param>
public sealed record TrainingSet(ComparisonSet Data, int Pairs, int Loaded, int Skipped);
