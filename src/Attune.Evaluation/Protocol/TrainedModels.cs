using Attune.Evaluation.Data;
using Attune.Evaluation.Methods;
using Attune.Ml.Models;
using Attune.Ml.Training;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// The models one seed compares: Attune (PReF), the reward-features baseline, global Bradley-Terry, and the cluster
/// rewards (shape (clusters, K) over Attune's V, with each cluster's size), the two trainings' wall-clock seconds (the
/// reward-features baseline is null, its seconds NaN, when it was not selected), the other featurizer x learner methods,
/// and global Bradley-Terry on each other featurizer's view (key: the featurizer, e.g. "minilm").
/// </summary>
internal sealed record TrainedModels(
    PrefTrainingResult Attune, PrefTrainingResult? Joint, LinearRewardModel BradleyTerry, float[] ClusterWeights, int[] ClusterSizes,
    double AttuneSeconds, double JointSeconds, IReadOnlyList<TrainedMethod> Methods,
    IReadOnlyList<(string Featurizer, ResponseFeatureView View, LinearRewardModel Model)> ViewBradleyTerry);
