namespace Attune.Ml.Factorization;

/// <summary>
/// The completed matrix Z = U diag(S) Vr^T as a thin SVD: <see cref="SingularValues"/> S descending, length r;
/// <see cref="Left"/> U shape (rows, r) and <see cref="Right"/> Vr shape (columns, r), both row-major with orthonormal columns.
/// </summary>
public sealed class CompletionResult
{
    internal CompletionResult(int rows, int columns, int rank, double[] singularValues, double[] left, double[] right)
    {
        Rows = rows;
        Columns = columns;
        Rank = rank;
        SingularValues = singularValues;
        Left = left;
        Right = right;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Rank { get; }

    /// <summary>S, length r, descending.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>U, shape (rows, r) row-major.</summary>
    public IReadOnlyList<double> Left { get; }

    /// <summary>Vr, shape (columns, r) row-major.</summary>
    public IReadOnlyList<double> Right { get; }
}
