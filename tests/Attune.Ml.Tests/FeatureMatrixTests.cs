using Attune.Ml.Data;

namespace Attune.Ml.Tests;

public sealed class FeatureMatrixTests
{
    private const int Rows = 6;
    private const int Columns = 37;

    // Float sums of up to 37 products of O(1) values in different orders (and with or without FMA) differ by ~1e-6.
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 8)]
    [InlineData(false, 13)]
    [InlineData(true, 1)]
    [InlineData(true, 8)]
    [InlineData(true, 13)]
    public void Project_anyLayout_matchesReference(bool sparse, int k)
    {
        (FeatureMatrix features, float[] dense) = Make(sparse, seed: 1);
        float[] m = Random(k * Columns, seed: 2);
        float[] mt = Transpose(m, k, Columns);
        var z = new float[k];
        var zt = new float[k];

        for (int row = 0; row < Rows; row++)
        {
            features.Project(row, m, k, z);
            features.ProjectTransposed(row, mt, k, zt);

            for (int j = 0; j < k; j++)
            {
                double expected = 0;
                for (int c = 0; c < Columns; c++)
                {
                    expected += m[j * Columns + c] * dense[row * Columns + c];
                }

                Assert.Equal(expected, z[j], Tolerance);
                Assert.Equal(expected, zt[j], Tolerance);
            }
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 8)]
    [InlineData(false, 13)]
    [InlineData(true, 1)]
    [InlineData(true, 8)]
    [InlineData(true, 13)]
    public void AddOuter_anyLayout_matchesReference(bool sparse, int k)
    {
        (FeatureMatrix features, float[] dense) = Make(sparse, seed: 3);
        float[] start = Random(k * Columns, seed: 4);
        float[] m = start.ToArray();
        float[] mt = Transpose(start, k, Columns);
        float[] z = Random(k * Rows, seed: 5);
        var expected = new double[k * Columns];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = start[i];
        }

        for (int row = 0; row < Rows; row++)
        {
            features.AddOuter(row, z.AsSpan(row * k, k), m);
            features.AddOuterTransposed(row, z.AsSpan(row * k, k), mt);
            for (int j = 0; j < k; j++)
            {
                for (int c = 0; c < Columns; c++)
                {
                    expected[j * Columns + c] += z[row * k + j] * dense[row * Columns + c];
                }
            }
        }

        float[] back = Transpose(mt, Columns, k);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], m[i], Tolerance);
            Assert.Equal(expected[i], back[i], Tolerance);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ProjectTransposed_wrongShape_throws(bool sparse)
    {
        (FeatureMatrix features, _) = Make(sparse, seed: 6);
        var mt = new float[8 * Columns];

        Assert.Throws<ArgumentException>(() => features.ProjectTransposed(0, mt, 8, new float[7]));
        Assert.Throws<ArgumentException>(() => features.ProjectTransposed(0, mt.AsSpan(1), 8, new float[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => features.ProjectTransposed(Rows, mt, 8, new float[8]));
        Assert.Throws<ArgumentException>(() => features.AddOuterTransposed(0, new float[7], mt));
    }

    [Fact]
    public void PrefersTransposedLayout_sparseOnly_true()
    {
        Assert.True(Make(sparse: true, seed: 7).Features.PrefersTransposedLayout);
        Assert.False(Make(sparse: false, seed: 7).Features.PrefersTransposedLayout);
    }

    /// <summary>Rows with about a third of the columns non-zero; the sparse form stores exactly those.</summary>
    private static (FeatureMatrix Features, float[] Dense) Make(bool sparse, int seed)
    {
        var random = new Random(seed);
        var dense = new float[Rows * Columns];
        for (int i = 0; i < dense.Length; i++)
        {
            dense[i] = random.Next(3) == 0 ? (float)(random.NextDouble() * 2 - 1) : 0f;
        }

        if (!sparse)
        {
            return (new DenseFeatureMatrix(dense, Rows, Columns), dense);
        }

        var pointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                if (dense[r * Columns + c] != 0f)
                {
                    columns.Add(c);
                    values.Add(dense[r * Columns + c]);
                }
            }

            pointers.Add(values.Count);
        }

        return (new SparseFeatureMatrix([.. pointers], [.. columns], [.. values], Columns), dense);
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

    /// <summary>source shape (rows, columns) to shape (columns, rows).</summary>
    private static float[] Transpose(float[] source, int rows, int columns)
    {
        var result = new float[source.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[c * rows + r] = source[r * columns + c];
            }
        }

        return result;
    }
}
