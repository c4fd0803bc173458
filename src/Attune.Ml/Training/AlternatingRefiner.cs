using Attune.Ml.Objectives;
using Attune.Ml.Optimization;
using Attune.Ml.Users;

namespace Attune.Ml.Training;

/// <summary>
/// PReF refinement by alternating convex blocks of J(V, W) = sum_i c_i BCE_i + lambda_w/2 ||W||^2 + lambda_v/2 ||V||^2:
/// each round fits every user's w_u by Newton (a K-dimensional convex problem with prior N(0, I / lambda_w)), then takes
/// L-BFGS steps on the convex V block with W fixed; validation after every round drives early stopping.
/// </summary>
internal static class AlternatingRefiner
{
    public static RefinementRun Run(
        TrainingContext context, float[] v, float[] w, int rank, PrefTrainingOptions options,
        IProgress<TrainingProgress>? progress, TrainingPhase phase, CancellationToken cancellationToken)
    {
        var train = context.Train;
        var trainProjection = new PairProjection(train, rank);
        var validationProjection = context.Validation is null ? null : new PairProjection(context.Validation, rank);
        var zeroMean = new double[rank];
        var identityCovariance = new double[rank * rank];
        for (int a = 0; a < rank; a++)
        {
            identityCovariance[a * rank + a] = 1.0 / Math.Max(options.LambdaW, 1e-4f);
        }

        var userPrior = new GaussianPrior(zeroMean, identityCovariance);
        int maxAnswers = 0;
        for (int u = 0; u < context.UserCount; u++)
        {
            maxAnswers = Math.Max(maxAnswers, context.UserStart[u + 1] - context.UserStart[u]);
        }

        var z = new float[maxAnswers * rank];
        var y = new float[maxAnswers];
        var c = new float[maxAnswers];
        var mean = new double[rank];
        var covariance = new double[rank * rank];
        var stopping = new EarlyStopping(context.Validation is not null, options.Patience);
        int round = 0;
        for (; round < options.MaxOuterIterations; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trainProjection.Compute(v);
            for (int u = 0; u < context.UserCount; u++)
            {
                int start = context.UserStart[u];
                int count = context.UserStart[u + 1] - start;
                if (count == 0)
                {
                    continue;
                }

                for (int j = 0; j < count; j++)
                {
                    int i = context.UserComparisons[start + j];
                    trainProjection.Z.AsSpan(trainProjection.SlotOfComparison[i] * rank, rank).CopyTo(z.AsSpan(j * rank, rank));
                    y[j] = train.Preferences[i];
                    c[j] = train.Weights[i];
                }

                NewUserFitter.Fit(userPrior, z.AsSpan(0, count * rank), y.AsSpan(0, count), c.AsSpan(0, count), mean, covariance);
                for (int a = 0; a < rank; a++)
                {
                    w[u * rank + a] = (float)mean[a];
                }
            }

            var vBlock = new VBlockObjective(train, w, rank, options.LambdaV);
            var lbfgs = new Lbfgs(vBlock, v);
            int steps = 0;
            while (steps < options.VStepIterations && lbfgs.Step())
            {
                steps++;
            }

            lbfgs.Position.CopyTo(v);
            double trainLoss = TrainingContext.MeanLoss(train, trainProjection, v, w);
            double validationLoss = TrainingContext.MeanLoss(context.Validation, validationProjection, v, w);
            progress?.Report(new TrainingProgress(phase, (round + 1.0) / options.MaxOuterIterations, round + 1, trainLoss, validationLoss));
            if (stopping.Observe(round + 1, trainLoss, validationLoss, v, w))
            {
                round++;
                break;
            }
        }

        return new RefinementRun(stopping.BestV!, stopping.BestW!, rank, stopping.BestTrain, stopping.BestValidation is double.PositiveInfinity ? double.NaN : stopping.BestValidation, round);
    }
}
