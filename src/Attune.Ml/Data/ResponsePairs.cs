namespace Attune.Ml.Data;

/// <summary>
/// Per-response embeddings and the two responses of each pair, for models whose basis is not linear in e (a residual
/// MLP), where phi(x, a) - phi(x, b) cannot be computed from d = e(x, a) - e(x, b). Pair p compares the first response
/// a = row <c>First[p]</c> of <see cref="Embeddings"/> with the second b = row <c>Second[p]</c>; a response judged in several
/// pairs is stored once.
/// </summary>
public sealed class ResponsePairs
{
    private readonly int[] _first;
    private readonly int[] _second;

    /// <summary>Checks and wraps the arrays (not copied).</summary>
    /// <param name="embeddings">e(x, y) per response, shape (responses, D), dense or CSR.</param>
    /// <param name="first">Row of the first response per pair, length pairs.</param>
    /// <param name="second">Row of the second response per pair, length pairs.</param>
    /// <exception cref="ArgumentException">No pairs, lengths differ, or an index outside [0, responses).</exception>
    public ResponsePairs(FeatureMatrix embeddings, int[] first, int[] second)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length == 0 || first.Length != second.Length)
        {
            throw new ArgumentException($"first and second must have one entry per pair (at least one); got {first.Length} and {second.Length}.", nameof(first));
        }

        for (int p = 0; p < first.Length; p++)
        {
            if ((uint)first[p] >= (uint)embeddings.Rows || (uint)second[p] >= (uint)embeddings.Rows)
            {
                throw new ArgumentException($"Pair {p} = ({first[p]}, {second[p]}) names a response outside [0, {embeddings.Rows}).", nameof(first));
            }
        }

        Embeddings = embeddings;
        _first = first;
        _second = second;
    }

    /// <summary>e(x, y) per response, shape (responses, D).</summary>
    public FeatureMatrix Embeddings { get; }

    /// <summary>Number of pairs.</summary>
    public int Count => _first.Length;

    /// <summary>D.</summary>
    public int Dimension => Embeddings.Columns;

    /// <summary>Row of the first response per pair, length pairs.</summary>
    public ReadOnlySpan<int> First => _first;

    /// <summary>Row of the second response per pair, length pairs.</summary>
    public ReadOnlySpan<int> Second => _second;

    /// <summary>
    /// The pair differences d_p = e(first) - e(second), shape (pairs, D): what linear models train on. Dense embeddings
    /// give a <see cref="DenseFeatureMatrix"/>, CSR ones a <see cref="SparseFeatureMatrix"/> (exact zeros dropped;
    /// this scans D per pair, so it is meant for encoder-sized D, not hashed 2^16).
    /// </summary>
    public FeatureMatrix Differences()
    {
        int d = Dimension;
        var row = new float[d];
        if (Embeddings is DenseFeatureMatrix)
        {
            var values = new float[(long)Count * d];
            for (int p = 0; p < Count; p++)
            {
                Span<float> target = values.AsSpan(p * d, d);
                Embeddings.AddScaledRow(_first[p], 1f, target);
                Embeddings.AddScaledRow(_second[p], -1f, target);
            }

            return new DenseFeatureMatrix(values, Count, d);
        }

        var pointers = new int[Count + 1];
        var columns = new List<int>();
        var nonZeros = new List<float>();
        for (int p = 0; p < Count; p++)
        {
            Array.Clear(row);
            Embeddings.AddScaledRow(_first[p], 1f, row);
            Embeddings.AddScaledRow(_second[p], -1f, row);
            for (int c = 0; c < d; c++)
            {
                if (row[c] != 0f)
                {
                    columns.Add(c);
                    nonZeros.Add(row[c]);
                }
            }

            pointers[p + 1] = nonZeros.Count;
        }

        return new SparseFeatureMatrix(pointers, [.. columns], [.. nonZeros], d);
    }
}
