using System.Text;
using System.Text.RegularExpressions;

namespace Attune.Data.Styles;

/// <summary>
/// Renders a response with controlled attribute levels (one of {-1, 0, +1} per <see cref="StyleAttribute"/>) to a prompt of
/// the styles world, from Attune's own topic and phrase banks. Rules, by attribute:
/// <list type="bullet">
/// <item>Length: 1 tip (short, no intro), 2 tips, or 4 tips each followed by an elaboration, with ordinals (long).</item>
/// <item>Formality: formal opens "Dear reader,", links tips with "Furthermore,"/"Moreover," and signs "Kind regards."
/// without contractions; casual opens "Hey,", contracts ("don't", "gonna", "kinda"), adds a slang aside and a sign-off.</item>
/// <item>Humour: a joke ("haha", "lol", "just kidding") vs a sober "take this seriously" line.</item>
/// <item>Engagement: an opening question and closing questions to the reader vs a plain "That is all."-style closing.</item>
/// <item>Politeness: "Thank you for asking" and "please let me know" vs "Fine, here is the answer" and "Figure out the rest yourself."</item>
/// <item>Enthusiasm: "I love this topic!", tips ending in '!' and an excited extra line vs flat lines and no '!' at all.</item>
/// <item>Confidence: "You should definitely ..." vs "I think maybe you could ..., but I am not sure".</item>
/// </list>
/// Level 0 adds none of an attribute's markers. Word choices are drawn from the caller's seeded <see cref="Random"/>.
/// </summary>
public static class StylesResponseGenerator
{
    private static readonly IReadOnlyList<(string Prompt, StylesTopic Topic)> AllPrompts = StylesTopics.Prompts();

    private static readonly Dictionary<string, string> ContractionMap =
        StylesPhrases.Contractions.ToDictionary(c => c.From, c => c.To, StringComparer.Ordinal);

    // One alternation, longest phrases first, so "I am going to" wins over "going to" and "I am".
    private static readonly Regex ContractionPattern = new(
        @"\b(?:" + string.Join('|', StylesPhrases.Contractions.Select(c => c.From).OrderByDescending(f => f.Length).Select(Regex.Escape)) + @")\b",
        RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, int> PromptIndex =
        AllPrompts.Select((p, i) => (p.Prompt, i)).ToDictionary(p => p.Prompt, p => p.i, StringComparer.Ordinal);

    /// <summary>Every prompt the generator knows (104: 26 topics x 4 templates, template-major).</summary>
    public static IReadOnlyList<string> Prompts { get; } = AllPrompts.Select(p => p.Prompt).ToArray();

    /// <summary>A response to prompt <paramref name="promptIndex"/> with attribute <paramref name="levels"/>.</summary>
    /// <param name="promptIndex">Index into <see cref="Prompts"/>.</param>
    /// <param name="levels">Length 7, indexed by <see cref="StyleAttribute"/>, entries in {-1, 0, 1}.</param>
    /// <param name="random">Source of the word choices.</param>
    /// <exception cref="ArgumentException">Bad index or levels.</exception>
    public static string Render(int promptIndex, IReadOnlyList<int> levels, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(promptIndex, AllPrompts.Count);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(random);
        if (levels.Count != StyleDirections.AttributeCount || levels.Any(l => l is < -1 or > 1))
        {
            throw new ArgumentException("levels must hold 7 entries, each -1, 0 or 1.", nameof(levels));
        }

        return Render(AllPrompts[promptIndex].Topic, levels, random);
    }

    /// <summary>
    /// A response to any question with attribute <paramref name="levels"/>: a prompt of <see cref="Prompts"/> gets its
    /// topic's tips, any other question the generic topic (<see cref="StylesTopics.Generic"/>: "this", general advice
    /// such as "break it into small steps"). A template stand-in for an LLM, not an answer to the question.
    /// </summary>
    /// <exception cref="ArgumentException">Empty question or bad levels.</exception>
    public static string RenderAny(string question, IReadOnlyList<int> levels, Random random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(random);
        if (levels.Count != StyleDirections.AttributeCount || levels.Any(l => l is < -1 or > 1))
        {
            throw new ArgumentException("levels must hold 7 entries, each -1, 0 or 1.", nameof(levels));
        }

        return Render(PromptIndex.TryGetValue(question, out var i) ? AllPrompts[i].Topic : StylesTopics.Generic, levels, random);
    }

    private static string Render(StylesTopic topic, IReadOnlyList<int> levels, Random random)
    {
        int Level(StyleAttribute a) => levels[(int)a];
        string Pick(string[] bank) => Fill(bank[random.Next(bank.Length)], topic, null);
        var length = Level(StyleAttribute.Length);
        var formality = Level(StyleAttribute.Formality);
        var enthusiasm = Level(StyleAttribute.Enthusiasm);

        var s = new List<string>();
        AddByLevel(s, Level(StyleAttribute.Politeness), StylesPhrases.PoliteOpening, StylesPhrases.BluntOpening, Pick);
        AddByLevel(s, enthusiasm, StylesPhrases.EnthusiasticOpening, StylesPhrases.FlatOpening, Pick);
        if (Level(StyleAttribute.Engagement) == 1)
        {
            s.Add(Pick(StylesPhrases.EngagingOpening));
        }

        if (length >= 0)
        {
            s.Add(Pick(StylesPhrases.Intro));
        }

        var tipCount = length switch { -1 => 1, 0 => 2, _ => 4 };
        var tips = Draw(random, topic.Tips, tipCount);
        var elaborations = Draw(random, StylesPhrases.Elaboration, tipCount);
        var tipBank = Level(StyleAttribute.Confidence) switch
        {
            1 => StylesPhrases.ConfidentTip,
            0 => StylesPhrases.NeutralTip,
            _ => StylesPhrases.HedgingTip,
        };
        for (var i = 0; i < tipCount; i++)
        {
            var sentence = Fill(tipBank[random.Next(tipBank.Length)], topic, tips[i]);
            if (enthusiasm == 1)
            {
                sentence = sentence[..^1] + "!";
            }

            var prefix = formality == 1 && i > 0
                ? StylesPhrases.FormalConnectors[random.Next(StylesPhrases.FormalConnectors.Length)]
                : length == 1 ? StylesPhrases.LongOrdinals[i] : null;
            s.Add(prefix is null ? sentence : prefix + " " + LowerFirst(sentence));
            if (length == 1)
            {
                s.Add(elaborations[i]);
            }
        }

        AddByLevel(s, Level(StyleAttribute.Humour), StylesPhrases.Joke, StylesPhrases.Serious, Pick);
        AddByLevel(s, enthusiasm, StylesPhrases.EnthusiasticExtra, StylesPhrases.FlatExtra, Pick);
        if (formality == -1)
        {
            s.Add(Pick(StylesPhrases.CasualAside));
        }

        var engagement = Level(StyleAttribute.Engagement);
        if (engagement == 1)
        {
            s.AddRange(Draw(random, StylesPhrases.EngagingQuestion, length >= 0 ? 2 : 1).Select(q => Fill(q, topic, null)));
        }
        else if (engagement == -1)
        {
            s.Add(Pick(StylesPhrases.PlainClosing));
        }

        AddByLevel(s, Level(StyleAttribute.Politeness), StylesPhrases.PoliteClosing, StylesPhrases.BluntClosing, Pick);
        var text = string.Join(' ', s);
        text = formality switch
        {
            1 => "Dear reader,\n\n" + text + "\n\nKind regards.",
            -1 => Pick(StylesPhrases.CasualGreeting) + " " + LowerFirst(Contract(text)) + " " + Pick(StylesPhrases.CasualSignOff),
            _ => text,
        };
        return enthusiasm == -1 ? text.Replace('!', '.') : text;
    }

    private static void AddByLevel(List<string> s, int level, string[] positive, string[] negative, Func<string[], string> pick)
    {
        if (level != 0)
        {
            s.Add(pick(level == 1 ? positive : negative));
        }
    }

    private static string[] Draw(Random random, string[] bank, int count) =>
        SeededSampling.Sample(random, bank.Length, count).Select(i => bank[i]).ToArray();

    private static string Fill(string template, StylesTopic topic, string? tip)
    {
        var sb = new StringBuilder(template)
            .Replace("{activity}", topic.Activity)
            .Replace("{subject}", topic.Subject);
        if (tip is not null)
        {
            sb.Replace("{tip}", tip).Replace("{Tip}", char.ToUpperInvariant(tip[0]) + tip[1..]);
        }

        var text = sb.ToString();
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string Contract(string text) =>
        ContractionPattern.Replace(text, m => ContractionMap[m.Value]);

    private static string LowerFirst(string sentence) =>
        sentence.StartsWith("I ", StringComparison.Ordinal) || sentence.StartsWith("I'", StringComparison.Ordinal)
            ? sentence
            : char.ToLowerInvariant(sentence[0]) + sentence[1..];
}
