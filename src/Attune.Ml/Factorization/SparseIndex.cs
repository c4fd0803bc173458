namespace Attune.Ml.Factorization;

/// <summary>Observed entries grouped by one index (CSR-like): entries of group g are Start[g] .. Start[g + 1].</summary>
internal sealed class SparseIndex
{
    private SparseIndex(int[] start, int[] other, double[] values)
    {
        Start = start;
        Other = other;
        Values = values;
    }

    public int Count => Start.Length - 1;

    public int[] Start { get; }

    public int[] Other { get; }

    public double[] Values { get; }

    public static SparseIndex Build(ReadOnlySpan<int> group, ReadOnlySpan<int> other, ReadOnlySpan<double> values, int groups)
    {
        var start = new int[groups + 1];
        foreach (int g in group)
        {
            if ((uint)g >= (uint)groups)
            {
                throw new ArgumentException($"Index {g} is outside [0, {groups}).", nameof(group));
            }

            start[g + 1]++;
        }

        for (int g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var next = (int[])start.Clone();
        var others = new int[group.Length];
        var sorted = new double[group.Length];
        for (int e = 0; e < group.Length; e++)
        {
            int slot = next[group[e]]++;
            others[slot] = other[e];
            sorted[slot] = values[e];
        }

        return new SparseIndex(start, others, sorted);
    }
}
