using Attune.Text;

namespace Attune.Evaluation.Data;

/// <summary>a - b of two sparse vectors with sorted indices, appended to CSR column and value lists without exact zeros.</summary>
internal static class SparseDifference
{
    public static void Append(SparseVector a, SparseVector b, List<int> columns, List<float> values)
    {
        ReadOnlySpan<int> ai = a.Indices, bi = b.Indices;
        ReadOnlySpan<float> av = a.Values, bv = b.Values;
        int i = 0, j = 0;
        while (i < ai.Length || j < bi.Length)
        {
            int column;
            float value;
            if (j >= bi.Length || (i < ai.Length && ai[i] < bi[j]))
            {
                (column, value) = (ai[i], av[i]);
                i++;
            }
            else if (i >= ai.Length || bi[j] < ai[i])
            {
                (column, value) = (bi[j], -bv[j]);
                j++;
            }
            else
            {
                (column, value) = (ai[i], av[i] - bv[j]);
                i++;
                j++;
            }

            if (value != 0f)
            {
                columns.Add(column);
                values.Add(value);
            }
        }
    }
}
