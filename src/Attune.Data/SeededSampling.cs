namespace Attune.Data;

/// <summary>
/// Draws used by the dataset generators, all from a caller's seeded <see cref="Random"/> (whose seeded sequence is fixed
/// across .NET versions), written here so that results never depend on a library's algorithm choices.
/// </summary>
internal static class SeededSampling
{
    /// <summary>Standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Gamma(shape, 1) draw (Marsaglia-Tsang; shape &lt; 1 via the U^(1/shape) boost).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            var u = 1.0 - random.NextDouble();
            return Gamma(random, shape + 1) * Math.Pow(u, 1.0 / shape);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>Symmetric Dirichlet(alpha, ..., alpha) draw of length <paramref name="k"/>.</summary>
    public static double[] Dirichlet(Random random, int k, double alpha)
    {
        var g = new double[k];
        double sum = 0;
        for (var i = 0; i < k; i++)
        {
            g[i] = Gamma(random, alpha);
            sum += g[i];
        }

        if (sum <= 0)
        {
            // All draws underflowed (tiny alpha): put the mass on one uniformly chosen component.
            g[random.Next(k)] = 1;
            return g;
        }

        for (var i = 0; i < k; i++)
        {
            g[i] /= sum;
        }

        return g;
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public static void Shuffle<T>(Random random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// <paramref name="count"/> distinct indices from [0, <paramref name="n"/>) in random order (all n, shuffled, when
    /// count &gt;= n).
    /// </summary>
    public static int[] Sample(Random random, int n, int count)
    {
        var all = Enumerable.Range(0, n).ToArray();
        var take = Math.Min(count, n);
        for (var i = 0; i < take; i++)
        {
            var j = i + random.Next(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..take];
    }
}
