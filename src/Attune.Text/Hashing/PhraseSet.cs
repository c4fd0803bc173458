namespace Attune.Text.Hashing;

/// <summary>Counts occurrences of single words and multi-word phrases in a token sequence (immutable, thread-safe).</summary>
internal sealed class PhraseSet
{
    private readonly Dictionary<string, string[][]> _byFirstToken;

    public PhraseSet(IEnumerable<string> phrases)
    {
        _byFirstToken = phrases
            .Select(p => Tokenizer.Words(p).ToArray())
            .Where(t => t.Length > 0)
            .GroupBy(t => t[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Length).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Occurrences in <paramref name="tokens"/>; at each position the longest matching phrase counts once.</summary>
    public int Count(IReadOnlyList<string> tokens)
    {
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_byFirstToken.TryGetValue(tokens[i], out var candidates))
            {
                continue;
            }

            foreach (var phrase in candidates)
            {
                if (Matches(tokens, i, phrase))
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    private static bool Matches(IReadOnlyList<string> tokens, int start, string[] phrase)
    {
        if (start + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var j = 1; j < phrase.Length; j++)
        {
            if (!string.Equals(tokens[start + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
