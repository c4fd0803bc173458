namespace Attune.Ml.Factorization;

/// <summary>Choosing K from a singular spectrum.</summary>
public static class SpectrumAnalysis
{
    /// <summary>
    /// The elbow of a descending spectrum s_1 &gt;= ... &gt;= s_r: the k maximising log(s'_k / s'_{k+1}) with
    /// s'_j = max(s_j, floor * s_1) and s_{r+1} = 0, so a spectrum shrunk to zero past its signal (as soft-impute's is)
    /// has its elbow at the last component above the floor. Components below floor * s_1 count as noise.
    /// </summary>
    /// <param name="spectrum">Singular values, descending, length r >= 1.</param>
    /// <param name="floor">Relative noise floor in (0, 1); 1e-3 by default, suited to a spectrum whose noise part the
    /// nuclear-norm penalty has already shrunk to zero (for an unshrunk spectrum pass a larger floor, e.g. 0.05).</param>
    /// <returns>k in [1, r].</returns>
    public static int Elbow(IReadOnlyList<double> spectrum, double floor = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        if (spectrum.Count == 0)
        {
            throw new ArgumentException("The spectrum is empty.", nameof(spectrum));
        }

        if (!(floor > 0 && floor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "floor must lie in (0, 1).");
        }

        double top = spectrum[0];
        if (!(top > 0))
        {
            return 1;
        }

        double minimum = floor * top;
        int best = 1;
        double bestGap = double.NegativeInfinity;
        for (int k = 1; k <= spectrum.Count; k++)
        {
            double current = Math.Max(spectrum[k - 1], minimum);
            double next = k < spectrum.Count ? Math.Max(spectrum[k], minimum) : minimum;
            double gap = Math.Log(current / next);
            if (gap > bestGap + 1e-12)
            {
                bestGap = gap;
                best = k;
            }
        }

        return best;
    }
}
