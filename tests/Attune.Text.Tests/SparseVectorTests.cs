namespace Attune.Text.Tests;

public sealed class SparseVectorTests
{
    [Fact]
    public void ToDense_sparseEntries_placesValuesAtIndices()
    {
        var v = new SparseVector(5, [1, 3], [2f, -1f]);

        Assert.Equal([0f, 2f, 0f, -1f, 0f], v.ToDense());
        Assert.Equal(Math.Sqrt(5), v.L2Norm(), 6);
        Assert.Equal(2 * 10 - 1 * 1, v.Dot([0f, 10f, 0f, 1f, 0f]), 6);
    }

    [Fact]
    public void Constructor_unsortedIndices_throwsNamingIndices()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseVector(5, [3, 1], [1f, 1f]));

        Assert.Equal("indices", e.ParamName);
    }

    [Fact]
    public void Constructor_indexOutOfRange_throwsNamingIndices()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseVector(3, [3], [1f]));

        Assert.Equal("indices", e.ParamName);
    }

    [Fact]
    public void Constructor_nanValue_throwsNamingValues()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseVector(3, [0], [float.NaN]));

        Assert.Equal("values", e.ParamName);
    }

    [Fact]
    public void Dot_wrongLength_throwsNamingDense()
    {
        var v = SparseVector.FromDense([1f, 2f]);

        var e = Assert.Throws<ArgumentException>(() => v.Dot([1f, 2f, 3f]));

        Assert.Equal("dense", e.ParamName);
    }

    [Fact]
    public void AppendDifference_overlappingIndices_mergesInOrderAndDropsExactZeros()
    {
        var a = new SparseVector(8, [0, 2, 5], [1f, 3f, 2f]);
        var b = new SparseVector(8, [2, 4, 5], [1f, 4f, 2f]);
        List<int> columns = [99];
        List<float> values = [9f];

        SparseVector.AppendDifference(a, b, columns, values);

        Assert.Equal([99, 0, 2, 4], columns);
        Assert.Equal([9f, 1f, 2f, -4f], values);
    }

    [Fact]
    public void AppendDifference_differentDimensions_throwsNamingB()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            SparseVector.AppendDifference(new SparseVector(4, [0], [1f]), new SparseVector(5, [0], [1f]), [], []));

        Assert.Equal("b", e.ParamName);
    }

    [Fact]
    public void FromDense_vector_isDenseWithEveryIndexAndTheSameDotAsItsSparseForm()
    {
        float[] dense = [0.5f, 0f, -2f, 3f];
        float[] other = [1f, 2f, 3f, 4f];

        var v = SparseVector.FromDense(dense);
        var sparse = new SparseVector(4, [0, 2, 3], [0.5f, -2f, 3f]);

        Assert.True(v.IsDense);
        Assert.False(sparse.IsDense);
        Assert.Equal([0, 1, 2, 3], v.Indices.ToArray());
        Assert.Equal(sparse.Dot(other), v.Dot(other));
        Assert.Equal(dense, v.ToDense());
    }

    [Fact]
    public void FromDense_nonFiniteValue_throwsNamingDense()
    {
        var e = Assert.Throws<ArgumentException>(() => SparseVector.FromDense([1f, float.NaN]));

        Assert.Equal("dense", e.ParamName);
    }

    [Fact]
    public void ToDense_denseVector_returnsACopy()
    {
        var v = SparseVector.FromDense([1f, 2f]);

        v.ToDense()[0] = 99f;

        Assert.Equal(1f, v.Values[0]);
    }
}
