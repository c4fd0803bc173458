namespace Attune.Ml.Training;

/// <summary>
/// Keeps the best parameters seen. With a validation split: best = lowest validation loss, stop after patience checks
/// without improvement. Without one: the latest parameters, stop once the training loss improves by less than 1e-6
/// relative between checks.
/// </summary>
internal sealed class EarlyStopping(bool hasValidation, int patience)
{
    private int _bad;
    private double _previousTrain = double.PositiveInfinity;

    public double BestValidation { get; private set; } = double.PositiveInfinity;

    public double BestTrain { get; private set; } = double.PositiveInfinity;

    public float[]? BestV { get; private set; }

    public float[]? BestW { get; private set; }

    public int BestIteration { get; private set; }

    /// <summary>Records a check; returns true when training should stop.</summary>
    public bool Observe(int iteration, double trainLoss, double validationLoss, ReadOnlySpan<float> v, ReadOnlySpan<float> w)
    {
        if (hasValidation)
        {
            if (validationLoss < BestValidation - 1e-7)
            {
                Keep(iteration, trainLoss, validationLoss, v, w);
                _bad = 0;
                return false;
            }

            return ++_bad >= patience;
        }

        Keep(iteration, trainLoss, validationLoss, v, w);
        bool stalled = _previousTrain - trainLoss < 1e-6 * Math.Abs(_previousTrain);
        _previousTrain = trainLoss;
        return stalled;
    }

    private void Keep(int iteration, double trainLoss, double validationLoss, ReadOnlySpan<float> v, ReadOnlySpan<float> w)
    {
        BestValidation = validationLoss;
        BestTrain = trainLoss;
        BestV = v.ToArray();
        BestW = w.ToArray();
        BestIteration = iteration;
    }
}
