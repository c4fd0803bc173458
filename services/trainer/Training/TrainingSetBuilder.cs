using Attune.Ml.Data;
using Attune.Storage;
using Attune.Text;

namespace Attune.Trainer.Training;

/// <summary>
/// Turns stored comparisons into Attune.Ml's <see cref="ComparisonSet"/>: every distinct (prompt, response) is featurized
/// once per job (e(x, y) cached), every distinct unordered pair of responses to a prompt gets one row
/// d = e(x, first) - e(x, second) (first = the response seen first), and a comparison listing the pair the other way
/// round has its preference flipped (1 - y). One row per pair is what lets several users' judgements of the same pair
/// meet in PReF's users x pairs matrix. Pairs with identical responses, or with d = 0, carry no information and are
/// skipped. Users are numbered in order of first appearance.
/// </summary>
public static class TrainingSetBuilder
{
    /// <summary>Builds the set; null when no comparison is usable.</summary>
    public static TrainingSet? Build(IReadOnlyList<TrainingComparison> comparisons, IFeaturizer featurizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(featurizer);
        var features = new Dictionary<(string Prompt, string Response), SparseVector>();
        var rows = new Dictionary<(string Prompt, string First, string Second), int>();
        var zeroRows = new HashSet<int>();
        var rowPointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var userIds = new List<string>();
        var users = new List<int>();
        var pairs = new List<int>();
        var preferences = new List<float>();
        var skipped = 0;

        foreach (var c in comparisons)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.Equals(c.ResponseA, c.ResponseB, StringComparison.Ordinal))
            {
                skipped++;
                continue;
            }

            var flipped = rows.ContainsKey((c.Prompt, c.ResponseB, c.ResponseA));
            var key = flipped ? (c.Prompt, c.ResponseB, c.ResponseA) : (c.Prompt, c.ResponseA, c.ResponseB);
            if (!rows.TryGetValue(key, out var row))
            {
                row = rows.Count;
                rows.Add(key, row);
                var before = columns.Count;
                SparseVector.AppendDifference(Vector(key.Item1, key.Item2), Vector(key.Item1, key.Item3), columns, values);
                rowPointers.Add(columns.Count);
                if (columns.Count == before)
                {
                    zeroRows.Add(row);
                }
            }

            if (zeroRows.Contains(row))
            {
                skipped++;
                continue;
            }

            if (!userIndex.TryGetValue(c.UserId, out var user))
            {
                user = userIds.Count;
                userIndex.Add(c.UserId, user);
                userIds.Add(c.UserId);
            }

            users.Add(user);
            pairs.Add(row);
            preferences.Add((float)(flipped ? 1 - c.Preference : c.Preference));
        }

        if (users.Count == 0)
        {
            return null;
        }

        var matrix = new SparseFeatureMatrix(rowPointers.ToArray(), columns.ToArray(), values.ToArray(), featurizer.Dimension);
        var data = new ComparisonSet(matrix, userIds.Count, users.ToArray(), pairs.ToArray(), preferences.ToArray(), userIds: userIds);
        return new TrainingSet(data, rows.Count - zeroRows.Count, comparisons.Count, skipped);

        SparseVector Vector(string prompt, string response)
        {
            if (!features.TryGetValue((prompt, response), out var v))
            {
                v = featurizer.Featurize(new TextPair(prompt, response));
                features.Add((prompt, response), v);
            }

            return v;
        }
    }
}
