using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <remarks>
    /// One e = exp(-|m|) per comparison gives both log1pexp(m) = max(m, 0) + log1p(e) and sigmoid(m) (1 / (1 + e) for
    /// m &gt;= 0, e / (1 + e) otherwise), the same values as <see cref="Logistic"/>'s separate kernels; the sigmoid is
    /// skipped when no gradient is wanted, so Loss and LossGradient return the same L.
    /// </remarks>
    public static double Evaluate(
        ComparisonSet data, PairProjection projection, ReadOnlySpan<float> v, ReadOnlySpan<float> w,
        Span<float> gradientV, Span<float> gradientW)
    {
        int k = projection.Rank;
        projection.Compute(v);
        bool wantV = !gradientV.IsEmpty;
        bool wantW = !gradientW.IsEmpty;
        bool wantGradient = wantV || wantW;
        if (wantV)
        {
            Array.Clear(projection.GradientZ);
        }

        ReadOnlySpan<int> users = data.Users;
        ReadOnlySpan<int> slots = projection.SlotOfComparison;
        ReadOnlySpan<float> y = data.Preferences;
        ReadOnlySpan<float> c = data.Weights;
        if (w.Length < data.UserCount * k || (wantW && gradientW.Length < data.UserCount * k))
        {
            throw new ArgumentException($"W and its gradient need at least {data.UserCount} rows of K = {k}; got {w.Length} and {gradientW.Length} values.", nameof(w));
        }

        // Users are checked against UserCount by ComparisonSet and slots index Z (shape (slots, K)), so every k-float
        // block below is in range of w, Z, GradientZ and gradientW (the objectives check its length).
        ref float w0 = ref MemoryMarshal.GetReference(w);
        ref float z0 = ref MemoryMarshal.GetArrayDataReference(projection.Z);
        ref float gz0 = ref MemoryMarshal.GetArrayDataReference(projection.GradientZ);
        ref float gw0 = ref MemoryMarshal.GetReference(gradientW);
        double loss = 0.0;
        for (int i = 0; i < users.Length; i++)
        {
            int slot = slots[i];
            int user = users[i];
            ref float zi = ref Unsafe.Add(ref z0, slot * k);
            ref float wu = ref Unsafe.Add(ref w0, user * k);
            double m = ShortVector.Dot(ref wu, ref zi, k);
            double e = Math.Exp(-Math.Abs(m));
            loss += c[i] * (Math.Max(m, 0.0) + Logistic.LogOnePlus(e) - y[i] * m);
            if (!wantGradient)
            {
                continue;
            }

            double sigmoid = m >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            float r = (float)(c[i] * (sigmoid - y[i]));
            if (wantW)
            {
                ShortVector.AddScaled(ref zi, r, ref Unsafe.Add(ref gw0, user * k), k);
            }

            if (wantV)
            {
                ShortVector.AddScaled(ref wu, r, ref Unsafe.Add(ref gz0, slot * k), k);
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
