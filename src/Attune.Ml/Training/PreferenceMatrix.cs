using Attune.Ml.Data;

namespace Attune.Ml.Training;

/// <summary>
/// The users x pairs matrix of centred preferences X_up = weighted mean of (2 y - 1) over user u's judgements of pair p,
/// kept as its observed entries only. Columns are the distinct pairs of the training set.
/// </summary>
internal sealed class PreferenceMatrix
{
    public PreferenceMatrix(ComparisonSet train)
    {
        var cells = new Dictionary<(int User, int Column), (double Sum, double Weight)>();
        var columnOfPair = new Dictionary<int, int>();
        var pairs = new List<int>();
        for (int i = 0; i < train.Count; i++)
        {
            int p = train.Pairs[i];
            if (!columnOfPair.TryGetValue(p, out int column))
            {
                column = pairs.Count;
                columnOfPair[p] = column;
                pairs.Add(p);
            }

            double c = train.Weights[i];
            var key = (train.Users[i], column);
            cells.TryGetValue(key, out var cell);
            cells[key] = (cell.Sum + c * (2.0 * train.Preferences[i] - 1.0), cell.Weight + c);
        }

        ColumnPairs = pairs.ToArray();
        ColumnOfPair = columnOfPair;
        Rows = train.UserCount;
        var raters = new int[ColumnPairs.Length];
        var rowOf = new List<int>(cells.Count);
        var columnOf = new List<int>(cells.Count);
        var values = new List<double>(cells.Count);
        foreach (var ((user, column), (sum, weight)) in cells.OrderBy(e => e.Key.User).ThenBy(e => e.Key.Column))
        {
            if (weight <= 0)
            {
                continue;
            }

            rowOf.Add(user);
            columnOf.Add(column);
            values.Add(sum / weight);
            raters[column]++;
        }

        RowOf = rowOf.ToArray();
        ColumnOf = columnOf.ToArray();
        Values = values.ToArray();
        Raters = raters;
        SharedColumns = raters.Count(r => r >= 2);
    }

    public int Rows { get; }

    public int Columns => ColumnPairs.Length;

    /// <summary>Pair (feature row) of each column.</summary>
    public int[] ColumnPairs { get; }

    public Dictionary<int, int> ColumnOfPair { get; }

    public int[] RowOf { get; }

    public int[] ColumnOf { get; }

    public double[] Values { get; }

    /// <summary>Distinct users who judged each column.</summary>
    public int[] Raters { get; }

    /// <summary>Columns judged by at least two users: without any, the matrix has no shared structure to factor.</summary>
    public int SharedColumns { get; }
}
