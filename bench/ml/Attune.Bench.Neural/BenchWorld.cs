using Attune.Ml.Data;

namespace Attune.Bench.Neural;

/// <summary>
/// The benchmark's seeded world, written as raw little-endian files that the Python reference reads with numpy:
/// embeddings e ~ N(0, I_D) (responses, D) float32; true rewards f_1 = a . e / sqrt(D) and f_2 = 1.5 ((g . e)^2 / D - 1);
/// users w_u ~ N(0, I_2); y ~ Bernoulli(sigmoid(2 w_u . (f(a) - f(b)))) on random pairs.
/// </summary>
internal static class BenchWorld
{
    public static ComparisonSet Create(int users, int dimension, int responses, int pairs, int comparisons, int seed)
    {
        var random = new Random(seed);
        float[] e = Gaussians(random, responses * dimension);
        float[] a = Gaussians(random, dimension);
        float[] g = Gaussians(random, dimension);
        float[] w = Gaussians(random, users * 2);
        double scale = 1.0 / Math.Sqrt(dimension);
        var truth = new double[responses * 2];
        for (int r = 0; r < responses; r++)
        {
            double linear = 0, projection = 0;
            for (int c = 0; c < dimension; c++)
            {
                linear += a[c] * e[r * dimension + c];
                projection += g[c] * e[r * dimension + c];
            }

            truth[2 * r] = linear * scale;
            truth[2 * r + 1] = 1.5 * (projection * projection * scale * scale - 1.0);
        }

        var first = new int[pairs];
        var second = new int[pairs];
        for (int p = 0; p < pairs; p++)
        {
            first[p] = random.Next(responses);
            do
            {
                second[p] = random.Next(responses);
            }
            while (second[p] == first[p]);
        }

        var userOf = new int[comparisons];
        var pairOf = new int[comparisons];
        var preference = new float[comparisons];
        for (int i = 0; i < comparisons; i++)
        {
            int u = random.Next(users), p = random.Next(pairs);
            double margin = 0;
            for (int k = 0; k < 2; k++)
            {
                margin += w[u * 2 + k] * 2.0 * (truth[first[p] * 2 + k] - truth[second[p] * 2 + k]);
            }

            userOf[i] = u;
            pairOf[i] = p;
            preference[i] = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-margin)) ? 1f : 0f;
        }

        return ComparisonSet.FromResponses(new ResponsePairs(new DenseFeatureMatrix(e, responses, dimension), first, second), users, userOf, pairOf, preference);
    }

    /// <summary>Writes what the Python side needs: e, and per comparison its first/second rows, user and y.</summary>
    public static void Write(string folder, ComparisonSet data)
    {
        ResponsePairs pairs = data.Responses!;
        var e = new float[pairs.Embeddings.Rows * pairs.Dimension];
        for (int r = 0; r < pairs.Embeddings.Rows; r++)
        {
            pairs.Embeddings.AddScaledRow(r, 1f, e.AsSpan(r * pairs.Dimension, pairs.Dimension));
        }

        var first = new int[data.Count];
        var second = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            first[i] = pairs.First[data.Pairs[i]];
            second[i] = pairs.Second[data.Pairs[i]];
        }

        WriteRaw(Path.Combine(folder, "embeddings.f32"), e);
        WriteRaw(Path.Combine(folder, "first.i32"), first);
        WriteRaw(Path.Combine(folder, "second.i32"), second);
        WriteRaw(Path.Combine(folder, "users.i32"), data.Users.ToArray());
        WriteRaw(Path.Combine(folder, "preferences.f32"), data.Preferences.ToArray());
    }

    public static void WriteRaw<T>(string path, T[] values)
        where T : unmanaged => File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    private static float[] Gaussians(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }

        return values;
    }
}
