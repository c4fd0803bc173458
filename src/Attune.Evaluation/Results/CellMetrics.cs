namespace Attune.Evaluation.Results;

/// <summary>
/// Test metrics of one method at one number of answers in one seed. <see cref="Auc"/> is the mean over new users of each
/// user's AUC on their own test comparisons (users whose test labels are all one class are skipped); accuracy, log-loss
/// and ECE pool every new user's test comparisons.
/// </summary>
/// <param name="Auc">Mean per-user AUC.</param>
/// <param name="Accuracy">Pooled accuracy.</param>
/// <param name="LogLoss">Pooled log-loss.</param>
/// <param name="Ece">Pooled expected calibration error (10 bins).</param>
/// <param name="Users">Users with a defined AUC.</param>
public sealed record CellMetrics(double Auc, double Accuracy, double LogLoss, double Ece, int Users);
