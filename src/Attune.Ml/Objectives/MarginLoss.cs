using System.Numerics.Tensors;
using Attune.Ml.Data;
using Attune.Ml.Kernels;

namespace Attune.Ml.Objectives;

/// <summary>
/// The data term shared by the joint and V-block objectives:
/// L = sum_i c_i BCE(y_i, sigmoid(m_i)), m_i = w_{u_i} . (V d_{p_i}), with c_i the comparison weight.
/// dL/dm_i = c_i (sigmoid(m_i) - y_i); dL/dw_u = sum_{i: u_i = u} dL/dm_i z_{p_i}; dL/dz_p = sum_{i: p_i = p} dL/dm_i w_{u_i}.
/// </summary>
internal static class MarginLoss
{
    /// <summary>Returns L; accumulates into gradientV (shape (K, D)) and gradientW (shape (users, K)) when non-empty.</summary>
    public static double Evaluate(
        ComparisonSet data, PairProjection projection, ReadOnlySpan<float> v, ReadOnlySpan<float> w,
        Span<float> gradientV, Span<float> gradientW)
    {
        int k = projection.Rank;
        projection.Compute(v);
        bool wantV = !gradientV.IsEmpty;
        bool wantW = !gradientW.IsEmpty;
        if (wantV)
        {
            Array.Clear(projection.GradientZ);
        }

        ReadOnlySpan<int> users = data.Users;
        ReadOnlySpan<float> y = data.Preferences;
        ReadOnlySpan<float> c = data.Weights;
        float[] z = projection.Z;
        double loss = 0.0;
        for (int i = 0; i < users.Length; i++)
        {
            int slot = projection.SlotOfComparison[i];
            ReadOnlySpan<float> zi = z.AsSpan(slot * k, k);
            ReadOnlySpan<float> wu = w.Slice(users[i] * k, k);
            double m = TensorPrimitives.Dot(wu, zi);
            loss += c[i] * Logistic.BinaryCrossEntropyWithLogit(m, y[i]);
            float r = (float)(c[i] * (Logistic.Sigmoid(m) - y[i]));
            if (wantW)
            {
                Span<float> gw = gradientW.Slice(users[i] * k, k);
                TensorPrimitives.MultiplyAdd(zi, r, gw, gw);
            }

            if (wantV)
            {
                Span<float> gz = projection.GradientZ.AsSpan(slot * k, k);
                TensorPrimitives.MultiplyAdd(wu, r, gz, gz);
            }
        }

        if (wantV)
        {
            projection.BackPropagate(gradientV);
        }

        return loss;
    }

    /// <summary>lambda/2 ||x||^2, adding lambda x to gradient when non-empty.</summary>
    public static double AddRidge(ReadOnlySpan<float> x, float lambda, Span<float> gradient)
    {
        if (lambda == 0f)
        {
            return 0.0;
        }

        if (!gradient.IsEmpty)
        {
            TensorPrimitives.MultiplyAdd(x, lambda, gradient, gradient);
        }

        return 0.5 * lambda * TensorPrimitives.Dot(x, x);
    }
}
