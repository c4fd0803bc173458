using Attune.Ml.Data;
using Attune.Storage;
using Attune.Text;

namespace Attune.Trainer.Training;

/// <summary>
/// Turns stored comparisons into Attune.Ml's <see cref="ComparisonSet"/>: every distinct (prompt, response) is featurized
/// once per job, in batches of <see cref="BatchSize"/> through <see cref="IFeaturizer.FeaturizeBatchAsync"/> (an encoder
/// runs a batch at a time; a remote embeddings service gets one request per batch), every distinct unordered pair of
/// responses to a prompt gets one row d = e(x, first) - e(x, second) (first = the response seen first), and a comparison
/// listing the pair the other way round has its preference flipped (1 - y). One row per pair is what lets several users'
/// judgements of the same pair meet in PReF's users x pairs matrix. Pairs with identical responses, or with d = 0, carry no
/// information and are skipped. Users are numbered in order of first appearance. With <c>withResponses</c> the set also
/// carries each row's two response embeddings (<see cref="ComparisonSet.Responses"/>), which the neural learner needs.
/// </summary>
public static class TrainingSetBuilder
{
    /// <summary>Texts per featurizer call.</summary>
    public const int BatchSize = 256;

    /// <summary>Builds the set; null when no comparison is usable.</summary>
    public static TrainingSet? Build(
        IReadOnlyList<TrainingComparison> comparisons, IFeaturizer featurizer, CancellationToken cancellationToken, bool withResponses = false) =>
        BuildAsync(comparisons, featurizer, withResponses, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Builds the set; null when no comparison is usable.</summary>
    public static async Task<TrainingSet?> BuildAsync(
        IReadOnlyList<TrainingComparison> comparisons, IFeaturizer featurizer, bool withResponses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(featurizer);
        var features = await FeaturizeAsync(comparisons, featurizer, cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<(string Prompt, string First, string Second), int>();
        var rowKeys = new List<(string, string, string)>();
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
                rowKeys.Add(key);
                var before = columns.Count;
                SparseVector.AppendDifference(features[(key.Item1, key.Item2)], features[(key.Item1, key.Item3)], columns, values);
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

        var data = withResponses
            ? ComparisonSet.FromResponses(Responses(rowKeys, features, featurizer.Dimension), userIds.Count, [.. users], [.. pairs], [.. preferences], userIds: userIds)
            : new ComparisonSet(
                new SparseFeatureMatrix([.. rowPointers], [.. columns], [.. values], featurizer.Dimension),
                userIds.Count, [.. users], [.. pairs], [.. preferences], userIds: userIds);
        return new TrainingSet(data, rows.Count - zeroRows.Count, comparisons.Count, skipped);
    }

    /// <summary>e(x, y) of every distinct (prompt, response) of a usable comparison, featurized a batch at a time.</summary>
    public static async Task<Dictionary<(string Prompt, string Response), SparseVector>> FeaturizeAsync(
        IEnumerable<TrainingComparison> comparisons, IFeaturizer featurizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(featurizer);
        var distinct = new List<TextPair>();
        var seen = new HashSet<(string, string)>();
        foreach (var c in comparisons)
        {
            if (string.Equals(c.ResponseA, c.ResponseB, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var response in new[] { c.ResponseA, c.ResponseB })
            {
                if (seen.Add((c.Prompt, response)))
                {
                    distinct.Add(new TextPair(c.Prompt, response));
                }
            }
        }

        var features = new Dictionary<(string, string), SparseVector>(distinct.Count);
        for (var start = 0; start < distinct.Count; start += BatchSize)
        {
            var batch = distinct.GetRange(start, Math.Min(BatchSize, distinct.Count - start));
            var vectors = await featurizer.FeaturizeBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                features.Add((batch[i].Prompt, batch[i].Response), vectors[i]);
            }
        }

        return features;
    }

    /// <summary>
    /// Both responses of every row, in row order, each response stored once: dense when the featurizer's vectors are, else CSR.
    /// </summary>
    public static ResponsePairs Responses(
        IEnumerable<(string Prompt, string First, string Second)> rows, IReadOnlyDictionary<(string Prompt, string Response), SparseVector> features, int dimension)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(features);
        var index = new Dictionary<(string, string), int>();
        var vectors = new List<SparseVector>();
        var first = new List<int>();
        var second = new List<int>();
        int Of(string prompt, string response)
        {
            if (!index.TryGetValue((prompt, response), out var i))
            {
                i = vectors.Count;
                index.Add((prompt, response), i);
                vectors.Add(features[(prompt, response)]);
            }

            return i;
        }

        foreach (var (prompt, a, b) in rows)
        {
            first.Add(Of(prompt, a));
            second.Add(Of(prompt, b));
        }

        return new ResponsePairs(FeatureRows.ToMatrix(vectors, dimension), [.. first], [.. second]);
    }
}
