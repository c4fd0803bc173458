using System.Text;

namespace Attune.Text.Hashing;

/// <summary>
/// Splits text into lower-cased word tokens (runs of letters, digits and inner apostrophes, with the typographic apostrophe
/// folded to <c>'</c>) and sentences. Culture-invariant, so tokens are the same on every machine.
/// </summary>
public static class Tokenizer
{
    /// <summary>Lower-cased word tokens in text order, e.g. "Don't panic, 42!" gives ["don't", "panic", "42"].</summary>
    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if ((c == '\'' || c == '\u2019') && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                current.Append('\'');
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>
    /// Number of sentences: runs of text ending in '.', '!', '?' or a line break, that contain at least one letter or digit.
    /// Text without terminal punctuation counts as one sentence when it has any word.
    /// </summary>
    public static int SentenceCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var hasWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                hasWord = true;
            }
            else if ((c is '.' or '!' or '?' or '\n') && hasWord)
            {
                count++;
                hasWord = false;
            }
        }

        return hasWord ? count + 1 : count;
    }

    /// <summary>
    /// Text prepared for character n-grams: lower-cased, runs of white space folded to one space, padded with one space on
    /// each side so that word starts and ends form their own n-grams.
    /// </summary>
    public static string NormalizeForCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2);
        sb.Append(' ');
        var lastSpace = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastSpace)
                {
                    sb.Append(' ');
                    lastSpace = true;
                }
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c == '\u2019' ? '\'' : c));
                lastSpace = false;
            }
        }

        if (!lastSpace)
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }
}
