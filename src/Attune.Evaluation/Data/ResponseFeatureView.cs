using Attune.Ml.Data;
using Attune.Text;

namespace Attune.Evaluation.Data;

/// <summary>
/// The pair rows of a <see cref="FeaturizedDataset"/> under another featurizer: every response a pair row names is
/// featurized once (<see cref="ResponsePairs.Embeddings"/>, shape (responses, D)), and pair p of <see cref="Pairs"/> is row
/// p of the dataset's <see cref="FeaturizedDataset.Features"/> (same first and second response), so the protocol's rows,
/// splits and questions carry over unchanged. <see cref="Differences"/> holds d_p = e(first) - e(second), shape (pairs, D).
/// </summary>
public sealed class ResponseFeatureView
{
    private ResponseFeatureView(string featurizer, ResponsePairs pairs, FeatureMatrix differences)
    {
        Featurizer = featurizer;
        Pairs = pairs;
        Differences = differences;
    }

    /// <summary>The featurizer's description.</summary>
    public string Featurizer { get; }

    /// <summary>Both responses of every pair row.</summary>
    public ResponsePairs Pairs { get; }

    /// <summary>d per pair row, shape (pairs, D).</summary>
    public FeatureMatrix Differences { get; }

    /// <summary>
    /// Builds the view; <paramref name="vectors"/> featurizes the distinct (prompt, response) pairs in one batch, in input
    /// order (the caller's cache decides what is encoded).
    /// </summary>
    public static ResponseFeatureView Build(
        FeaturizedDataset data, string featurizer, int dimension, Func<IReadOnlyList<TextPair>, IReadOnlyList<SparseVector>> vectors)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(vectors);
        var index = new Dictionary<(string, string), int>();
        var texts = new List<TextPair>();
        int rows = data.PairResponses.Count;
        var first = new int[rows];
        var second = new int[rows];
        int Response(string prompt, string response)
        {
            if (!index.TryGetValue((prompt, response), out var i))
            {
                i = texts.Count;
                index.Add((prompt, response), i);
                texts.Add(new TextPair(prompt, response));
            }

            return i;
        }

        for (var p = 0; p < rows; p++)
        {
            var prompt = data.Dataset.Prompts[data.PairPrompt[p]].Prompt;
            first[p] = Response(prompt, data.PairResponses[p].First);
            second[p] = Response(prompt, data.PairResponses[p].Second);
        }

        var encoded = vectors(texts);
        if (encoded.Count != texts.Count)
        {
            throw new InvalidOperationException($"the featurizer returned {encoded.Count} vectors for {texts.Count} texts.");
        }

        var pairs = new ResponsePairs(FeatureRows.ToMatrix(encoded, dimension), first, second);
        return new ResponseFeatureView(featurizer, pairs, pairs.Differences());
    }

    /// <summary>
    /// The comparisons of <paramref name="source"/> (rows of the dataset's pairs) over this view's responses, dropping those
    /// whose row has d = 0 here (two texts this featurizer cannot tell apart); null when none is left.
    /// </summary>
    public ComparisonSet? Reexpress(ComparisonSet? source, out int dropped)
    {
        dropped = 0;
        if (source is null)
        {
            return null;
        }

        var keep = new List<int>();
        for (var i = 0; i < source.Count; i++)
        {
            if (Differences.IsZeroRow(source.Pairs[i]))
            {
                dropped++;
            }
            else
            {
                keep.Add(i);
            }
        }

        if (keep.Count == 0)
        {
            return null;
        }

        return ComparisonSet.FromResponses(
            Pairs, source.UserCount, keep.Select(i => source.Users[i]).ToArray(), keep.Select(i => source.Pairs[i]).ToArray(),
            keep.Select(i => source.Preferences[i]).ToArray(), keep.Select(i => source.Weights[i]).ToArray(), source.UserIds);
    }
}
