using Attune.Ml.Models;
using Attune.Ml.Training;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// The models one seed compares: Attune (PReF), the reward-features baseline, global Bradley-Terry, and the cluster
/// rewards (shape (clusters, K) over Attune's V, with each cluster's size), and the two trainings' wall-clock seconds.
/// </summary>
internal sealed record TrainedModels(
    PrefTrainingResult Attune, PrefTrainingResult Joint, LinearRewardModel BradleyTerry, float[] ClusterWeights, int[] ClusterSizes,
    double AttuneSeconds, double JointSeconds);
