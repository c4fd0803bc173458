using Attune.Ml.Data;

namespace Attune.Text;

/// <summary>Featurizer output as the numeric library's input: one vector per row of a <see cref="FeatureMatrix"/>.</summary>
public static class FeatureRows
{
    /// <summary>
    /// The vectors as rows, shape (vectors, D): a <see cref="DenseFeatureMatrix"/> when every vector is dense (an
    /// encoder's), else a <see cref="SparseFeatureMatrix"/> (CSR, each row's entries in the vector's order).
    /// </summary>
    /// <exception cref="InvalidOperationException">A vector's dimension is not <paramref name="dimension"/>.</exception>
    public static FeatureMatrix ToMatrix(IReadOnlyList<SparseVector> vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.All(v => v.IsDense && v.Dimension == dimension))
        {
            var values = new float[(long)vectors.Count * dimension];
            for (var r = 0; r < vectors.Count; r++)
            {
                vectors[r].Values.CopyTo(values.AsSpan(r * dimension, dimension));
            }

            return new DenseFeatureMatrix(values, vectors.Count, dimension);
        }

        var pointers = new int[vectors.Count + 1];
        var columns = new List<int>();
        var entries = new List<float>();
        for (var r = 0; r < vectors.Count; r++)
        {
            if (vectors[r].Dimension != dimension)
            {
                throw new InvalidOperationException($"vector {r} has dimension {vectors[r].Dimension}, not {dimension}.");
            }

            columns.AddRange(vectors[r].Indices.ToArray());
            entries.AddRange(vectors[r].Values.ToArray());
            pointers[r + 1] = columns.Count;
        }

        return new SparseFeatureMatrix(pointers, [.. columns], [.. entries], dimension);
    }
}
