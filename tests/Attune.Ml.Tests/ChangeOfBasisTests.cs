using Attune.Ml.Factorization;
using Attune.Ml.Models;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

/// <summary>
/// PReF's basis is identified only up to an invertible M (W V = (W M)(M^-1 V)): <see cref="PrefModel.ChangeBasis"/>
/// keeps every reward, every new user's fitted reward and the model file; <see cref="Varimax"/> finds the rotation of
/// a sparse loading matrix.
/// </summary>
public sealed class ChangeOfBasisTests
{
    private const int K = 3;
    private const int D = 11;

    private static readonly double[] M = [1.5, 0.2, -0.3, 0.4, 0.8, 0.1, -0.6, 0.3, 1.1];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChangeBasis_rewardsOfEveryUserUnchanged(bool residual)
    {
        var model = ResidualModels.Model(K, D, users: 6, residual ? ResidualModels.Residual(K, D, 4, seed: 5) : null, seed: 1);
        var embeddings = ResidualModels.Embeddings(7, D, seed: 2);

        var changed = model.ChangeBasis(M);

        var before = new float[7];
        var after = new float[7];
        for (int u = 0; u < 6; u++)
        {
            model.Rewards(u, embeddings, before);
            changed.Rewards(u, embeddings, after);
            Assert.All(Enumerable.Range(0, 7), i => Assert.Equal(before[i], after[i], 1e-4f));
        }
    }

    /// <summary>A new user fitted from the same answers under the transformed prior gets the same reward function.</summary>
    [Fact]
    public void ChangeBasis_newUserFitUnderTheTransformedPrior_sameRewards()
    {
        var model = ResidualModels.Model(K, D, users: 6, null, seed: 3);
        var changed = model.ChangeBasis(M);
        var answers = ResidualModels.Embeddings(5, D, seed: 4);
        var embeddings = ResidualModels.Embeddings(7, D, seed: 6);
        float[] preferences = [1, 0, 1, 1, 0];

        float[] Fit(PrefModel m)
        {
            var z = new float[5 * K];
            var phi = new float[K];
            for (int i = 0; i < 5; i++)
            {
                m.RewardFeatures(answers, i, phi);
                phi.CopyTo(z, i * K);
            }

            var post = NewUserFitter.Fit(m.Prior, z, preferences);
            var rewards = new float[7];
            m.Rewards([.. post.Mean.Select(x => (float)x)], embeddings, rewards);
            return rewards;
        }

        var a = Fit(model);
        var b = Fit(changed);
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal(a[i], b[i], 1e-3f));
    }

    /// <summary>A scaling by 0.01 in every function (determinant 1e-6 here, 1e-16 at K = 8) is a change of basis like any other.</summary>
    [Fact]
    public void ChangeBasis_smallScaling_isInvertible()
    {
        var model = ResidualModels.Model(K, D, users: 2, null, seed: 1);
        var embeddings = ResidualModels.Embeddings(3, D, seed: 2);
        var before = new float[3];
        var after = new float[3];

        var changed = model.ChangeBasis([0.01, 0, 0, 0, 0.01, 0, 0, 0, 0.01]);

        model.Rewards(0, embeddings, before);
        changed.Rewards(0, embeddings, after);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(before[i], after[i], 1e-3f));
    }

    [Fact]
    public void ChangeBasis_singular_throwsNamingM()
    {
        var model = ResidualModels.Model(K, D, users: 2, null, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => model.ChangeBasis([1, 2, 3, 2, 4, 6, 0, 0, 1]));
        Assert.Contains("invertible", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_roundTripThroughTheModelFile_andChangeBasisDropsThem()
    {
        var labels = Enumerable.Range(0, K).Select(j => new BaseFunctionLabel($"f{j} <-> g{j}", [$"f{j}"], [$"g{j}"], "high", "low")).ToArray();
        var model = ResidualModels.Model(K, D, users: 2, null, seed: 1).WithLabels(labels);
        using var stream = new MemoryStream();
        Attune.Ml.Serialization.ModelFile.Write(stream, model);
        stream.Position = 0;

        var read = Attune.Ml.Serialization.ModelFile.Read(stream);

        Assert.Equal(labels.Select(l => (l.Name, l.Positive[0], l.Negative[0], l.HighExample)), read.Labels.Select(l => (l.Name, l.Positive[0], l.Negative[0], l.HighExample)));
        Assert.Empty(read.ChangeBasis(M).Labels);
        Assert.Throws<ArgumentException>(() => model.WithLabels(labels[..2]));
    }

    /// <summary>Loadings with one non-zero per row, rotated by a known Q: varimax undoes Q up to order and sign.</summary>
    [Fact]
    public void Varimax_sparseLoadingsRotated_recoversTheSimpleStructure()
    {
        var random = new Random(7);
        int n = 60;
        var sparse = new float[n * K];
        for (int i = 0; i < n; i++)
        {
            sparse[i * K + (i % K)] = (float)(0.5 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1);
        }

        double angle = 0.7;
        double[] q = [Math.Cos(angle), -Math.Sin(angle), 0, Math.Sin(angle), Math.Cos(angle), 0, 0, 0, 1];
        var rotated = new float[n * K];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < K; j++)
            {
                double sum = 0;
                for (int l = 0; l < K; l++)
                {
                    sum += sparse[i * K + l] * q[l * K + j];
                }

                rotated[i * K + j] = (float)sum;
            }
        }

        var r = Varimax.Rotation(rotated, n, K);

        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, K).Select(j => Enumerable.Range(0, K).Sum(l => rotated[i * K + l] * r[l * K + j])).ToArray();
            var largest = row.Max(Math.Abs);
            Assert.True(row.Count(x => Math.Abs(x) > 1e-3 * largest) == 1, $"row {i} loads on several columns: {string.Join(", ", row)}");
        }
    }
}
