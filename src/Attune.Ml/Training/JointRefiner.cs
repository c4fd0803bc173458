using Attune.Ml.Objectives;
using Attune.Ml.Optimization;

namespace Attune.Ml.Training;

/// <summary>
/// The reward-features baseline: L-BFGS on the joint objective over theta = [V; W] (see <see cref="JointObjective"/>),
/// validating every EvaluationInterval iterations for early stopping.
/// </summary>
internal static class JointRefiner
{
    public static RefinementRun Run(
        TrainingContext context, float[] v, float[] w, int rank, PrefTrainingOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var objective = new JointObjective(context.Train, rank, options.LambdaV, options.LambdaW);
        var theta = new float[objective.Dimension];
        v.CopyTo(theta, 0);
        w.CopyTo(theta, objective.VLength);
        var lbfgs = new Lbfgs(objective, theta);
        var trainProjection = new PairProjection(context.Train, rank);
        var validationProjection = context.Validation is null ? null : new PairProjection(context.Validation, rank);
        var stopping = new EarlyStopping(context.Validation is not null, options.Patience);
        int iteration = 0;
        while (iteration < options.JointMaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool moved = true;
            for (int s = 0; s < options.EvaluationInterval && iteration < options.JointMaxIterations && moved; s++, iteration++)
            {
                moved = lbfgs.Step();
            }

            ReadOnlySpan<float> position = lbfgs.Position;
            ReadOnlySpan<float> pv = position[..objective.VLength];
            ReadOnlySpan<float> pw = position[objective.VLength..];
            double trainLoss = TrainingContext.MeanLoss(context.Train, trainProjection, pv, pw);
            double validationLoss = TrainingContext.MeanLoss(context.Validation, validationProjection, pv, pw);
            progress?.Report(new TrainingProgress(TrainingPhase.JointDescent, (double)iteration / options.JointMaxIterations, iteration, trainLoss, validationLoss));
            if (stopping.Observe(iteration, trainLoss, validationLoss, pv, pw) || !moved)
            {
                break;
            }
        }

        return new RefinementRun(stopping.BestV!, stopping.BestW!, rank, stopping.BestTrain, stopping.BestValidation is double.PositiveInfinity ? double.NaN : stopping.BestValidation, iteration);
    }
}
