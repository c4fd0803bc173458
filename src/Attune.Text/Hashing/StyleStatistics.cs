namespace Attune.Text.Hashing;

/// <summary>
/// The dense style block: <see cref="Count"/> statistics of a response (and its overlap with the prompt), one per
/// <see cref="StyleFeature"/>, each in [0, 1]. These carry the preference-relevant signal that n-grams see only
/// indirectly: length, sentence shape, punctuation, person, hedging, confidence, politeness, formality, humour, lists.
/// </summary>
public static class StyleStatistics
{
    /// <summary>Number of statistics: the length of the array <see cref="Compute"/> returns.</summary>
    public static readonly int Count = Enum.GetValues<StyleFeature>().Length;

    private static readonly PhraseSet FirstPersonSingular = new(StyleLexicon.FirstPersonSingular);
    private static readonly PhraseSet FirstPersonPlural = new(StyleLexicon.FirstPersonPlural);
    private static readonly PhraseSet SecondPerson = new(StyleLexicon.SecondPerson);
    private static readonly PhraseSet Hedges = new(StyleLexicon.Hedges);
    private static readonly PhraseSet Confidence = new(StyleLexicon.Confidence);
    private static readonly PhraseSet Politeness = new(StyleLexicon.Politeness);
    private static readonly PhraseSet Slang = new(StyleLexicon.Slang);
    private static readonly PhraseSet Formality = new(StyleLexicon.Formality);
    private static readonly PhraseSet Humour = new(StyleLexicon.Humour);
    private static readonly PhraseSet Enthusiasm = new(StyleLexicon.Enthusiasm);
    private static readonly PhraseSet Bluntness = new(StyleLexicon.Bluntness);
    private static readonly HashSet<string> Contractions = new(StyleLexicon.Contractions, StringComparer.Ordinal);

    /// <summary>The statistics of <paramref name="response"/> to <paramref name="prompt"/>, indexed by <see cref="StyleFeature"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static float[] Compute(string prompt, string response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        var words = Tokenizer.Words(response);
        return ComputeFromWords(prompt, response, words);
    }

    internal static float[] ComputeFromWords(string prompt, string response, List<string> words)
    {
        var s = new float[Count];
        var n = words.Count;
        var sentences = Math.Max(1, Tokenizer.SentenceCount(response));
        s[(int)StyleFeature.LogLength] = Cap(Math.Log(1 + n) / Math.Log(1001));
        s[(int)StyleFeature.Length] = Cap(n / 300.0);
        s[(int)StyleFeature.MeanSentenceLength] = Cap(n / (double)sentences / 40.0);
        s[(int)StyleFeature.SentenceCount] = Cap(Math.Log(1 + Tokenizer.SentenceCount(response)) / Math.Log(61));
        s[(int)StyleFeature.Questions] = PerSentence(CountChar(response, '?'), sentences);
        s[(int)StyleFeature.Exclamations] = PerSentence(CountChar(response, '!'), sentences);
        s[(int)StyleFeature.Commas] = Rate(CountChar(response, ','), n);
        s[(int)StyleFeature.UppercaseRatio] = UppercaseRatio(response);
        s[(int)StyleFeature.FirstPersonSingular] = Rate(FirstPersonSingular.Count(words), n);
        s[(int)StyleFeature.FirstPersonPlural] = Rate(FirstPersonPlural.Count(words), n);
        s[(int)StyleFeature.SecondPerson] = Rate(SecondPerson.Count(words), n);
        s[(int)StyleFeature.Hedges] = Rate(Hedges.Count(words), n);
        s[(int)StyleFeature.Confidence] = Rate(Confidence.Count(words), n);
        s[(int)StyleFeature.Politeness] = Rate(Politeness.Count(words), n);
        s[(int)StyleFeature.Contractions] = Rate(words.Count(IsContraction), n);
        s[(int)StyleFeature.Slang] = Rate(Slang.Count(words), n);
        s[(int)StyleFeature.Formality] = Rate(Formality.Count(words), n);
        s[(int)StyleFeature.Humour] = Rate(Humour.Count(words), n);
        s[(int)StyleFeature.Enthusiasm] = Rate(Enthusiasm.Count(words), n);
        s[(int)StyleFeature.Bluntness] = Rate(Bluntness.Count(words), n);
        s[(int)StyleFeature.ListLines] = ListLineFraction(response);
        s[(int)StyleFeature.Digits] = DigitRatio(response);
        s[(int)StyleFeature.PromptOverlap] = PromptOverlap(prompt, words);
        s[(int)StyleFeature.MeanWordLength] = n == 0 ? 0f : Cap(words.Sum(w => w.Length) / (double)n / 10.0);
        return s;
    }

    private static bool IsContraction(string word) =>
        Contractions.Contains(word) || StyleLexicon.ContractionSuffixes.Any(x => word.EndsWith(x, StringComparison.Ordinal));

    private static float Cap(double x) => (float)Math.Clamp(x, 0.0, 1.0);

    private static float Rate(int count, int words) => Saturate(words == 0 ? 0 : count / (double)words, 0.05);

    private static float PerSentence(int count, int sentences) => Saturate(count / (double)sentences, 0.5);

    private static float Saturate(double r, double half) => (float)(r / (r + half));

    private static int CountChar(string text, char c)
    {
        var count = 0;
        foreach (var ch in text)
        {
            if (ch == c)
            {
                count++;
            }
        }

        return count;
    }

    private static float UppercaseRatio(string text)
    {
        int letters = 0, upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
        }

        return letters == 0 ? 0f : Cap(5.0 * upper / letters);
    }

    private static float DigitRatio(string text)
    {
        int chars = 0, digits = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                chars++;
                if (char.IsDigit(c))
                {
                    digits++;
                }
            }
        }

        return chars == 0 ? 0f : Cap(10.0 * digits / chars);
    }

    private static float ListLineFraction(string text)
    {
        int lines = 0, items = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimStart();
            if (line.Length == 0)
            {
                continue;
            }

            lines++;
            if (line[0] is '-' or '*' or '\u2022' || IsNumberedItem(line))
            {
                items++;
            }
        }

        return lines == 0 ? 0f : items / (float)lines;
    }

    private static bool IsNumberedItem(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsDigit(line[i]))
        {
            i++;
        }

        return i > 0 && i < line.Length && line[i] is '.' or ')';
    }

    private static float PromptOverlap(string prompt, List<string> responseWords)
    {
        var promptWords = Tokenizer.Words(prompt).Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
        if (promptWords.Count == 0)
        {
            return 0f;
        }

        var responseSet = responseWords.ToHashSet(StringComparer.Ordinal);
        return promptWords.Count(responseSet.Contains) / (float)promptWords.Count;
    }
}
