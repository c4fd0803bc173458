using Attune.Ml.Factorization;
using Attune.Ml.Kernels;
using Attune.Ml.Optimization;

namespace Attune.Ml.Training;

/// <summary>
/// PReF's initialisation: complete the centred preference matrix at rank K (Z = U S Vr^T), calibrate a scale alpha so
/// that sigmoid(alpha Z_up) fits y (Z approximates E[2y - 1] = tanh(m / 2), so alpha is about 2 for weak preferences),
/// set W0 = U sqrt(alpha S) and pair factors F = Vr sqrt(alpha S), then V0 = ridge regression of F on d_p so that phi
/// generalises to pairs never seen. A small seeded jitter on W0 keeps components that the completion shrank to zero
/// from sitting at the bilinear saddle (w_k = 0, v_k = 0).
/// </summary>
internal static class FactorInitializer
{
    public static (float[] V, float[] W) Initialize(
        TrainingContext context, PreferenceMatrix matrix, int rank, double lambda, float ridgeLambda, int seed, CancellationToken cancellationToken)
    {
        CompletionResult completion = MatrixCompletion.Complete(
            matrix.RowOf, matrix.ColumnOf, matrix.Values, matrix.Rows, matrix.Columns, rank, lambda, seed, cancellationToken: cancellationToken);
        double alpha = CalibrateScale(context, matrix, completion);
        var random = new Random(seed);
        var w = new float[context.UserCount * rank];
        for (int u = 0; u < context.UserCount; u++)
        {
            for (int k = 0; k < rank; k++)
            {
                double scale = Math.Sqrt(alpha * completion.SingularValues[k]);
                w[u * rank + k] = (float)(completion.Left[u * rank + k] * scale + 0.01 * MatrixCompletion.Gaussian(random));
            }
        }

        var f = new float[matrix.Columns * rank];
        var counts = new float[matrix.Columns];
        for (int c = 0; c < matrix.Columns; c++)
        {
            counts[c] = matrix.Raters[c];
            for (int k = 0; k < rank; k++)
            {
                f[c * rank + k] = (float)(completion.Right[c * rank + k] * Math.Sqrt(alpha * completion.SingularValues[k]));
            }
        }

        float[] v = RidgeRegression.Fit(context.Train.Features, matrix.ColumnPairs, f, counts, ridgeLambda);
        return (v, w);
    }

    /// <summary>alpha = argmin sum_i c_i BCE(y_i, sigmoid(alpha x_i)) by 1-D Newton, x_i the completed entry of comparison i.</summary>
    private static double CalibrateScale(TrainingContext context, PreferenceMatrix matrix, CompletionResult completion)
    {
        int r = completion.Rank;
        var train = context.Train;
        var x = new double[train.Count];
        for (int i = 0; i < train.Count; i++)
        {
            int u = train.Users[i];
            int c = matrix.ColumnOfPair[train.Pairs[i]];
            double sum = 0.0;
            for (int k = 0; k < r; k++)
            {
                sum += completion.Left[u * r + k] * completion.SingularValues[k] * completion.Right[c * r + k];
            }

            x[i] = sum;
        }

        double alpha = 2.0;
        for (int it = 0; it < 30; it++)
        {
            double g = 1e-6 * alpha;
            double h = 1e-6;
            for (int i = 0; i < x.Length; i++)
            {
                double m = alpha * x[i];
                g += train.Weights[i] * (Logistic.Sigmoid(m) - train.Preferences[i]) * x[i];
                h += train.Weights[i] * Logistic.SigmoidDerivative(m) * x[i] * x[i];
            }

            double step = g / h;
            alpha -= step;
            if (Math.Abs(step) < 1e-8 * (1 + Math.Abs(alpha)))
            {
                break;
            }
        }

        return double.IsFinite(alpha) && alpha > 0 ? alpha : 2.0;
    }
}
