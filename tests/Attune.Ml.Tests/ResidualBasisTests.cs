using Attune.Ml.Data;
using Attune.Ml.Models;

namespace Attune.Ml.Tests;

public sealed class ResidualBasisTests
{
    private const int Rank = 3;
    private const int Dimension = 17;
    private const int Hidden = 6;

    // Float dots of 17 O(1) terms against a double reference: ~1e-6 relative; tanh of TensorPrimitives within a few ulps.
    private const double Tolerance = 1e-5;

    [Fact]
    public void RewardFeatures_withResidual_matchesFormulaInDouble()
    {
        ResidualBasis residual = ResidualModels.Residual(Rank, Dimension, Hidden, 11);
        PrefModel model = ResidualModels.Model(Rank, Dimension, 2, residual, 11);
        float[] e = FiniteDifferences.RandomVector(Dimension, 12, 1.0);
        var phi = new float[Rank];

        model.RewardFeatures(e, phi);

        for (int j = 0; j < Rank; j++)
        {
            double expected = 0;
            for (int c = 0; c < Dimension; c++)
            {
                expected += (double)model.V[j * Dimension + c] * e[c];
            }

            for (int i = 0; i < Hidden; i++)
            {
                double pre = residual.Bias[i];
                for (int c = 0; c < Dimension; c++)
                {
                    pre += (double)residual.H[i * Dimension + c] * e[c];
                }

                expected += residual.U[j * Hidden + i] * Math.Tanh(pre);
            }

            Assert.Equal(expected, phi[j], Tolerance);
        }
    }

    [Fact]
    public void RewardFeatures_zeroU_equalsLinearBasis()
    {
        var zeroU = new ResidualBasis(Rank, Dimension, Hidden, FiniteDifferences.RandomVector(Hidden * Dimension, 5, 1.0), new float[Hidden], new float[Rank * Hidden]);
        PrefModel neural = ResidualModels.Model(Rank, Dimension, 2, zeroU, 5);
        PrefModel linear = ResidualModels.Model(Rank, Dimension, 2, null, 5);
        DenseFeatureMatrix e = ResidualModels.Embeddings(4, Dimension, 6);
        var expected = new float[4];
        var actual = new float[4];

        linear.Rewards(1, e, expected);
        neural.Rewards(1, e, actual);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rewards_withResidual_matchRewardFeaturesThenDot(bool sparse)
    {
        PrefModel model = ResidualModels.Model(Rank, Dimension, 2, ResidualModels.Residual(Rank, Dimension, Hidden, 21), 21);
        DenseFeatureMatrix dense = ResidualModels.Embeddings(5, Dimension, 22);
        FeatureMatrix embeddings = sparse ? ToSparse(dense) : dense;
        var rewards = new float[5];
        var phi = new float[Rank];

        model.Rewards(1, embeddings, rewards);

        for (int i = 0; i < 5; i++)
        {
            model.RewardFeatures(dense.Row(i), phi);
            Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(model.GetUserWeights(1), phi), rewards[i], 1e-4f);
        }
    }

    [Fact]
    public void PredictMargins_withResidual_usesBothResponsesNotTheirDifference()
    {
        PrefModel model = ResidualModels.Model(Rank, Dimension, 2, ResidualModels.Residual(Rank, Dimension, Hidden, 31), 31);
        var pairs = new ResponsePairs(ResidualModels.Embeddings(4, Dimension, 32), [0, 2], [1, 3]);
        var data = ComparisonSet.FromResponses(pairs, 2, [0, 1], [0, 1], [1f, 0f]);
        var margins = new float[2];
        var a = new float[Rank];
        var b = new float[Rank];

        model.PredictMargins(data, margins);

        for (int i = 0; i < 2; i++)
        {
            model.RewardFeatures(pairs.Embeddings, pairs.First[i], a);
            model.RewardFeatures(pairs.Embeddings, pairs.Second[i], b);
            double expected = 0;
            for (int j = 0; j < Rank; j++)
            {
                expected += model.GetUserWeights(data.Users[i])[j] * (a[j] - b[j]);
            }

            Assert.Equal(expected, margins[i], 1e-4);
        }

        // The residual is nonlinear: phi(a) - phi(b) differs from phi applied to d = a - b.
        var ofDifference = new float[Rank];
        model.RewardFeatures(((DenseFeatureMatrix)data.Features).Row(0), ofDifference);
        model.ProjectPair(pairs, 0, a);
        Assert.True(Math.Abs(a[0] - ofDifference[0]) > 1e-3, $"phi(a) - phi(b) = {a[0]} equals phi(a - b) = {ofDifference[0]}");
    }

    [Fact]
    public void DifferenceApis_withResidual_throwInvalidOperation()
    {
        PrefModel model = ResidualModels.Model(Rank, Dimension, 2, ResidualModels.Residual(Rank, Dimension, Hidden, 41), 41);
        var differences = new ComparisonSet(ResidualModels.Embeddings(2, Dimension, 42), 2, [0, 1], [0, 1], [1f, 0f]);

        Assert.Throws<InvalidOperationException>(() => model.PredictMargins(differences, new float[2]));
        Assert.Throws<InvalidOperationException>(() => model.ProjectPairs(differences.Features, [0]));
        Assert.Throws<InvalidOperationException>(() => model.ProjectPair(differences.Features, 0, new float[Rank]));
        Assert.Throws<InvalidOperationException>(() => model.FoldUserWeights(new float[Rank], new float[Dimension]));
    }

    [Fact]
    public void ProjectPairs_linearModel_responsePairsMatchDifferences()
    {
        PrefModel model = ResidualModels.Model(Rank, Dimension, 2, null, 51);
        var pairs = new ResponsePairs(ResidualModels.Embeddings(5, Dimension, 52), [0, 2, 4], [1, 3, 0]);

        float[] fromResponses = model.ProjectPairs(pairs, [0, 1, 2]);
        float[] fromDifferences = model.ProjectPairs(pairs.Differences(), [0, 1, 2]);

        for (int i = 0; i < fromResponses.Length; i++)
        {
            Assert.Equal(fromDifferences[i], fromResponses[i], 1e-4f);
        }
    }

    [Fact]
    public void Constructor_mismatchedShapes_throw()
    {
        Assert.Throws<ArgumentException>(() => new ResidualBasis(Rank, Dimension, Hidden, new float[Hidden * Dimension - 1], new float[Hidden], new float[Rank * Hidden]));
        Assert.Throws<ArgumentException>(() => new ResidualBasis(Rank, Dimension, Hidden, new float[Hidden * Dimension], new float[Hidden + 1], new float[Rank * Hidden]));
        Assert.Throws<ArgumentException>(() => new ResidualBasis(Rank, Dimension, Hidden, new float[Hidden * Dimension], new float[Hidden], [float.NaN, .. new float[Rank * Hidden - 1]]));
        Assert.Throws<ArgumentException>(() => ResidualModels.Model(Rank + 1, Dimension, 2, ResidualModels.Residual(Rank, Dimension, Hidden, 1), 1));
    }

    private static SparseFeatureMatrix ToSparse(DenseFeatureMatrix dense)
    {
        var pointers = new int[dense.Rows + 1];
        var columns = new List<int>();
        var values = new List<float>();
        for (int r = 0; r < dense.Rows; r++)
        {
            ReadOnlySpan<float> row = dense.Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                if (row[c] != 0f)
                {
                    columns.Add(c);
                    values.Add(row[c]);
                }
            }

            pointers[r + 1] = values.Count;
        }

        return new SparseFeatureMatrix(pointers, [.. columns], [.. values], dense.Columns);
    }
}
