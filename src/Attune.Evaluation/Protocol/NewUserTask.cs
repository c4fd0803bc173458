namespace Attune.Evaluation.Protocol;

/// <summary>
/// One new user of the protocol: an id, the dataset user whose preferences answer (the same for simulated users of a type),
/// the questions that can be asked (pair rows of the featurized data) with the answer each would get, and the comparisons
/// (indices into the featurized data) that are scored.
/// </summary>
/// <param name="Id">The new user's id (simulated users of a type get a suffix).</param>
/// <param name="DatasetUser">Index into the dataset's users of the user whose preferences answer.</param>
/// <param name="Questions">Askable pair rows, ascending.</param>
/// <param name="Answers">The user's answer to each question: P(first response of the row preferred), same length.</param>
/// <param name="Test">Scored comparisons (indices into the featurized data), with their recorded labels.</param>
internal sealed record NewUserTask(string Id, int DatasetUser, int[] Questions, float[] Answers, int[] Test);
