using Attune.Ml.Data;

namespace Attune.Ml.Torch.Tests;

/// <summary>
/// A seeded synthetic world whose true reward is not linear in e: embeddings e ~ N(0, I_D), two true base rewards
/// f_1(e) = a . e and f_2(e) = (g . e)^2 - 1 (no linear map of e captures the square), users w_u ~ N(0, I_2), and
/// y ~ Bernoulli(sigmoid(w_u . (f(e_a) - f(e_b)))) on random pairs, each judged by several users.
/// </summary>
internal static class NonlinearWorld
{
    public static ComparisonSet Create(int users, int dimension, int responses, int pairs, int comparisons, int seed)
    {
        var random = new Random(seed);
        float[] e = Gaussians(random, responses * dimension);
        float[] a = Gaussians(random, dimension);
        float[] g = Gaussians(random, dimension);
        float[] w = Gaussians(random, users * 2);
        var scale = (float)(1.0 / Math.Sqrt(dimension));
        var truth = new float[responses * 2];
        for (int r = 0; r < responses; r++)
        {
            double linear = 0, projection = 0;
            for (int c = 0; c < dimension; c++)
            {
                linear += a[c] * e[r * dimension + c] * scale;
                projection += g[c] * e[r * dimension + c] * scale;
            }

            truth[2 * r] = (float)linear;
            truth[2 * r + 1] = (float)(1.5 * (projection * projection - 1.0));
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

        var embeddings = new DenseFeatureMatrix(e, responses, dimension);
        return ComparisonSet.FromResponses(new ResponsePairs(embeddings, first, second), users, userOf, pairOf, preference);
    }

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
