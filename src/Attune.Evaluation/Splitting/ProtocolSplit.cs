namespace Attune.Evaluation.Splitting;

/// <summary>
/// One seeded split of the protocol, as indices into the dataset's users and prompts: training users (the basis is fitted
/// on them) and new users (they answer calibration questions), and prompts in three disjoint parts: train (the basis),
/// calibration (questions asked to new users) and test (scoring). Each list is sorted ascending.
/// </summary>
/// <param name="TrainUsers">Users whose train-prompt comparisons fit the model.</param>
/// <param name="NewUsers">Users held out of training.</param>
/// <param name="TrainPrompts">Prompts of the training comparisons.</param>
/// <param name="CalibrationPrompts">Prompts whose comparisons new users answer.</param>
/// <param name="TestPrompts">Prompts whose comparisons are scored.</param>
public sealed record ProtocolSplit(
    IReadOnlyList<int> TrainUsers,
    IReadOnlyList<int> NewUsers,
    IReadOnlyList<int> TrainPrompts,
    IReadOnlyList<int> CalibrationPrompts,
    IReadOnlyList<int> TestPrompts);
