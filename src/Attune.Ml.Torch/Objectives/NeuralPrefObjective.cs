using Attune.Ml.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Objectives;

/// <summary>
/// The PReF objective over a neural basis, in <see cref="Attune.Ml.Training.PrefTrainer"/>'s convention (strengths
/// multiply sums over comparisons):
/// J(theta, W) = sum_i c_i BCE(y_i, sigmoid(m_i)) + lambda_w/2 ||W||^2 + lambda_theta/2 (||V||^2 + ||H||^2 + ||U||^2),
/// BCE(y, p) = -(y log p + (1 - y) log(1 - p)); b is not decayed. A mini-batch B of a training set of n comparisons
/// estimates J / n without bias: (1/|B|) sum_{i in B} c_i BCE_i + (lambda_w ||W||^2 + lambda_theta ||theta||^2) / (2n).
/// </summary>
public sealed class NeuralPrefObjective
{
    /// <summary>Checks the strengths (finite, >= 0) and n >= 1.</summary>
    public NeuralPrefObjective(double lambdaW, double lambdaTheta, int trainCount)
    {
        if (!(lambdaW >= 0 && double.IsFinite(lambdaW)) || !(lambdaTheta >= 0 && double.IsFinite(lambdaTheta)))
        {
            throw new ArgumentOutOfRangeException(nameof(lambdaW), $"lambda_w and lambda_theta must be finite and >= 0; got {lambdaW} and {lambdaTheta}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainCount);
        LambdaW = lambdaW;
        LambdaTheta = lambdaTheta;
        TrainCount = trainCount;
    }

    /// <summary>lambda_w.</summary>
    public double LambdaW { get; }

    /// <summary>lambda_theta, the weight decay on V, H and U.</summary>
    public double LambdaTheta { get; }

    /// <summary>n, the number of training comparisons the penalty is spread over.</summary>
    public int TrainCount { get; }

    /// <summary>The mini-batch estimate of J / n (a scalar with a graph to differentiate).</summary>
    /// <param name="network">The network whose W and theta are penalised.</param>
    /// <param name="margins">m_i of the batch, shape (|B|).</param>
    /// <param name="preferences">y_i in [0, 1], shape (|B|).</param>
    /// <param name="weights">c_i >= 0, shape (|B|).</param>
    public Tensor Loss(NeuralPrefNetwork network, Tensor margins, Tensor preferences, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(network);
        Tensor data = nn.functional.binary_cross_entropy_with_logits(margins, preferences, weights, reduction: nn.Reduction.Mean);
        NeuralBasis basis = network.Basis;
        Tensor penalty = network.W.square().sum() * LambdaW
            + (basis.V.square().sum() + basis.H.square().sum() + basis.U.square().sum()) * LambdaTheta;
        return data + penalty / (2.0 * TrainCount);
    }

    /// <summary>sum_i c_i BCE_i / sum_i c_i: the mean loss that early stopping compares (as PrefTrainer's validation loss).</summary>
    public static double MeanDataLoss(Tensor margins, Tensor preferences, Tensor weights)
    {
        using Tensor total = nn.functional.binary_cross_entropy_with_logits(margins, preferences, weights, reduction: nn.Reduction.Sum);
        using Tensor weight = weights.sum();
        double c = weight.ToDouble();
        return c > 0 ? total.ToDouble() / c : 0.0;
    }
}
