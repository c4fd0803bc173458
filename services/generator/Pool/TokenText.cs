using System.Text.RegularExpressions;

namespace Attune.Generator.Pool;

/// <summary>
/// The pool's notion of a token: a word with the whitespace before it, so that concatenating tokens gives back the text
/// exactly (trailing whitespace joins the last token).
/// </summary>
public static partial class TokenText
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Word().Matches(text).Select(m => m.Value).ToList();
        var covered = tokens.Sum(t => t.Length);
        if (covered < text.Length)
        {
            if (tokens.Count == 0)
            {
                tokens.Add(text);
            }
            else
            {
                tokens[^1] += text[covered..];
            }
        }

        return tokens;
    }

    [GeneratedRegex(@"\s*\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
