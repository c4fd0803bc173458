using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Objectives;
using Attune.Ml.Optimization;

namespace Attune.Ml.Training;

/// <summary>
/// Baselines in the same API as <see cref="PrefTrainer"/>, for side-by-side evaluation: a global Bradley-Terry model
/// (K = 1, one shared reward beta . e, i.e. pooled logistic regression on d) and per-user logistic regression on raw
/// features d (coefficients shape (users, D); users without data use the global model). Both minimise
/// <see cref="LogisticRegressionObjective"/> with L-BFGS from zero.
/// </summary>
public static class BaselineTrainer
{
    /// <summary>Global Bradley-Terry: one beta of length D for everyone.</summary>
    /// <param name="data">Training comparisons.</param>
    /// <param name="lambda">L2 strength &gt;= 0 (on the summed loss).</param>
    /// <param name="maxIterations">L-BFGS iterations, >= 1.</param>
    /// <param name="cancellationToken">Checked every iteration.</param>
    public static LinearRewardModel TrainBradleyTerry(ComparisonSet data, float lambda = 1f, int maxIterations = 200, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckIterations(maxIterations);
        var all = new int[data.Count];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        float[] beta = Minimize(new LogisticRegressionObjective(data, all, lambda), maxIterations, cancellationToken);
        return new LinearRewardModel("bradley-terry", data.Features.Columns, beta, perUser: false);
    }

    /// <summary>Per-user logistic regression on d: one beta_u of length D per user, the global model as fallback.</summary>
    public static LinearRewardModel TrainPerUserLogistic(ComparisonSet data, float lambda = 1f, int maxIterations = 200, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckIterations(maxIterations);
        int d = data.Features.Columns;
        LinearRewardModel global = TrainBradleyTerry(data, lambda, maxIterations, cancellationToken);
        var byUser = new List<int>[data.UserCount];
        for (int i = 0; i < data.Count; i++)
        {
            (byUser[data.Users[i]] ??= []).Add(i);
        }

        var coefficients = new float[data.UserCount * d];
        for (int u = 0; u < data.UserCount; u++)
        {
            Span<float> row = coefficients.AsSpan(u * d, d);
            if (byUser[u] is null)
            {
                global.Coefficients.CopyTo(row);
                continue;
            }

            Minimize(new LogisticRegressionObjective(data, byUser[u].ToArray(), lambda), maxIterations, cancellationToken).CopyTo(row);
        }

        return new LinearRewardModel("per-user-logistic", d, coefficients, perUser: true, global.Coefficients.ToArray());
    }

    private static float[] Minimize(IObjective objective, int maxIterations, CancellationToken cancellationToken)
    {
        var lbfgs = new Lbfgs(objective, new float[objective.Dimension]);
        for (int it = 0; it < maxIterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double previous = lbfgs.Value;

            // Float gradients bottom out near 1e-6 relative, so a stalled objective ends the run as well.
            if (!lbfgs.Step() || lbfgs.GradientNorm < 1e-4 * (1 + Math.Abs(lbfgs.Value)) || previous - lbfgs.Value < 1e-8 * Math.Abs(previous))
            {
                break;
            }
        }

        return lbfgs.Position.ToArray();
    }

    private static void CheckIterations(int maxIterations)
    {
        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be >= 1.");
        }
    }
}
