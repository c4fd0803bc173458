namespace Attune.Evaluation.Protocol;

/// <summary>
/// One new user of the protocol: an id, the dataset user whose labels answer (the same for simulated users of a type),
/// the comparisons (indices into the featurized data) that can be asked, and those that are scored.
/// </summary>
internal sealed record NewUserTask(string Id, int DatasetUser, int[] Calibration, int[] Test);
