namespace Attune.Evaluation.Results;

/// <summary>
/// One trainer seed of the initialisation study (data and split of the first protocol seed held fixed): the training
/// users' test-prompt AUC of Attune (SVD init, K chosen automatically) and of the reward-features baseline (random init,
/// joint gradient, at Attune's K).
/// </summary>
public sealed record InitStudyRow(int TrainerSeed, double SvdInitAuc, double RandomInitAuc, int SvdInitRank, int RandomInitRank);
