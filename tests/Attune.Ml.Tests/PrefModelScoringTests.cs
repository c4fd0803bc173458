using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

public sealed class PrefModelScoringTests
{
    private const int Rank = 8;
    private const int Dimension = 29;
    private const int Responses = 5;

    // Float dots of 29 and 8 O(1) terms summed in different orders agree to ~1e-5.
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rewards_userRow_matchesRewardFeaturesThenDot(bool sparse)
    {
        PrefModel model = Model(seed: 1);
        (FeatureMatrix embeddings, float[] dense) = Embeddings(sparse, seed: 2);
        var rewards = new float[Responses];

        model.Rewards(1, embeddings, rewards);

        var phi = new float[Rank];
        for (int i = 0; i < Responses; i++)
        {
            model.RewardFeatures(dense.AsSpan(i * Dimension, Dimension), phi);
            double expected = 0;
            for (int j = 0; j < Rank; j++)
            {
                expected += model.GetUserWeights(1)[j] * phi[j];
            }

            Assert.Equal(expected, rewards[i], Tolerance);
        }
    }

    [Fact]
    public void Rewards_weights_equalFoldedDot()
    {
        PrefModel model = Model(seed: 3);
        (FeatureMatrix embeddings, float[] dense) = Embeddings(sparse: false, seed: 4);
        float[] w = Random(Rank, seed: 5);
        var folded = new float[Dimension];
        var rewards = new float[Responses];

        model.FoldUserWeights(w, folded);
        model.Rewards(w, embeddings, rewards);

        for (int i = 0; i < Responses; i++)
        {
            double expected = 0;
            for (int c = 0; c < Dimension; c++)
            {
                expected += folded[c] * dense[i * Dimension + c];
            }

            Assert.Equal(expected, rewards[i], Tolerance);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RewardStandardDeviations_posterior_matchQuadraticForm(bool sparse)
    {
        PrefModel model = Model(seed: 6);
        (FeatureMatrix embeddings, float[] dense) = Embeddings(sparse, seed: 7);
        var covariance = new double[Rank * Rank];
        float[] a = Random(Rank * Rank, seed: 8);
        for (int r = 0; r < Rank; r++)
        {
            for (int c = 0; c < Rank; c++)
            {
                for (int t = 0; t < Rank; t++)
                {
                    covariance[r * Rank + c] += a[r * Rank + t] * a[c * Rank + t];
                }
            }
        }

        var sd = new float[Responses];
        model.RewardStandardDeviations(covariance, embeddings, sd);

        var phi = new float[Rank];
        for (int i = 0; i < Responses; i++)
        {
            model.RewardFeatures(dense.AsSpan(i * Dimension, Dimension), phi);
            double variance = 0;
            for (int r = 0; r < Rank; r++)
            {
                for (int c = 0; c < Rank; c++)
                {
                    variance += phi[r] * covariance[r * Rank + c] * phi[c];
                }
            }

            Assert.Equal(Math.Sqrt(variance), sd[i], 1e-3 * (1 + Math.Sqrt(variance)));
        }
    }

    [Fact]
    public void Rewards_wrongShapes_throw()
    {
        PrefModel model = Model(seed: 9);
        (FeatureMatrix embeddings, _) = Embeddings(sparse: false, seed: 10);
        var wrongD = new DenseFeatureMatrix(new float[Responses * (Dimension + 1)], Responses, Dimension + 1);

        Assert.Throws<ArgumentException>(() => model.Rewards(0, embeddings, new float[Responses - 1]));
        Assert.Throws<ArgumentException>(() => model.Rewards(0, wrongD, new float[Responses]));
        Assert.Throws<ArgumentException>(() => model.Rewards(new float[Rank - 1], embeddings, new float[Responses]));
        Assert.Throws<ArgumentException>(() => model.Rewards([float.NaN, 0, 0, 0, 0, 0, 0, 0], embeddings, new float[Responses]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Rewards(2, embeddings, new float[Responses]));
        Assert.Throws<ArgumentException>(() => model.FoldUserWeights(new float[Rank], new float[Dimension - 1]));
        Assert.Throws<ArgumentException>(() => model.RewardStandardDeviations(new double[Rank], embeddings, new float[Responses]));
    }

    private static PrefModel Model(int seed)
    {
        var identity = new double[Rank * Rank];
        for (int a = 0; a < Rank; a++)
        {
            identity[a * Rank + a] = 1.0;
        }

        return new PrefModel(
            "test", Rank, Dimension, Random(Rank * Dimension, seed), ["a", "b"], Random(2 * Rank, seed + 100),
            new GaussianPrior(new double[Rank], identity), "test");
    }

    private static (FeatureMatrix Features, float[] Dense) Embeddings(bool sparse, int seed)
    {
        float[] dense = Random(Responses * Dimension, seed);
        if (!sparse)
        {
            return (new DenseFeatureMatrix(dense, Responses, Dimension), dense);
        }

        // Keep every third column so the CSR form has real gaps.
        var pointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        for (int r = 0; r < Responses; r++)
        {
            for (int c = 0; c < Dimension; c++)
            {
                if (c % 3 != 0)
                {
                    dense[r * Dimension + c] = 0f;
                    continue;
                }

                columns.Add(c);
                values.Add(dense[r * Dimension + c]);
            }

            pointers.Add(values.Count);
        }

        return (new SparseFeatureMatrix([.. pointers], [.. columns], [.. values], Dimension), dense);
    }

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
