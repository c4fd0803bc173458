using Attune.Ml.Objectives;

namespace Attune.Ml.Tests;

/// <summary>Central finite differences, (f(x + h e_j) - f(x - h e_j)) / 2h, for gradient checks.</summary>
internal static class FiniteDifferences
{
    /// <summary>Largest |numeric - analytic| / max(1, |analytic|) over all coordinates of a float objective.</summary>
    public static double MaxRelativeGradientError(IObjective objective, float[] x, float h)
    {
        var analytic = new float[x.Length];
        objective.Gradient(x, analytic);
        double worst = 0;
        for (int j = 0; j < x.Length; j++)
        {
            float saved = x[j];
            x[j] = saved + h;
            double plus = objective.Loss(x);
            x[j] = saved - h;
            double minus = objective.Loss(x);
            x[j] = saved;
            double numeric = (plus - minus) / (2.0 * h);
            worst = Math.Max(worst, Math.Abs(numeric - analytic[j]) / Math.Max(1.0, Math.Abs(analytic[j])));
        }

        return worst;
    }

    public static float[] RandomVector(int length, int seed, double scale)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(scale * PlantedData.Gaussian(random));
        }

        return x;
    }
}
