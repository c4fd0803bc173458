namespace Attune.Evaluation.Protocol;

/// <summary>Margins m_i = w . z_i of rows z_i (shape (n, K)) for one weight vector w of length K.</summary>
internal static class Margins
{
    public static float[] Of(ReadOnlySpan<float> z, ReadOnlySpan<double> w)
    {
        int k = w.Length;
        var margins = new float[z.Length / k];
        for (int i = 0; i < margins.Length; i++)
        {
            double m = 0;
            for (int a = 0; a < k; a++)
            {
                m += w[a] * z[i * k + a];
            }

            margins[i] = (float)m;
        }

        return margins;
    }

    public static float[] Of(ReadOnlySpan<float> z, ReadOnlySpan<float> w)
    {
        var copy = new double[w.Length];
        for (int a = 0; a < w.Length; a++)
        {
            copy[a] = w[a];
        }

        return Of(z, copy);
    }
}
