using System.Text;
using System.Text.RegularExpressions;
using Attune.Data.Styles;
using Attune.Text.Hashing;

namespace Attune.Data.Demo;

/// <summary>A rendered demo answer and the trait levels it was written with (length 4, by <see cref="DemoAttribute"/>).</summary>
public sealed record DemoResponse(string Text, IReadOnlyList<int> Levels);

/// <summary>
/// Writes the demo world's answers: for a question, one answer per combination of the four traits (16), each coherent
/// in every trait (a formal answer is formal from its first word to its last, a casual one casual throughout) and each
/// answering the question's topic with that topic's advice. The topic of a question is the one of Attune's everyday
/// topics (26, from the styles world's bank) whose words it shares most; a question that shares none gets general
/// advice about what it asks, named in the answer. Deterministic: the same question gives the same 16 answers in every
/// process (word choices are seeded by the question's text). A stand-in for an LLM, written for the demo.
/// </summary>
public static partial class DemoResponses
{
    private static readonly IReadOnlyList<(string Prompt, StylesTopic Topic)> Known = StylesTopics.Prompts();

    private static readonly Dictionary<string, StylesTopic> ByPrompt =
        Known.ToDictionary(p => p.Prompt, p => p.Topic, StringComparer.Ordinal);

    private static readonly HashSet<string> StopWords = new(
        ["a", "an", "the", "to", "of", "in", "on", "at", "for", "and", "or", "my", "me", "i", "you", "your", "is", "are", "do",
         "does", "how", "what", "can", "could", "should", "would", "get", "better", "any", "tips", "some", "about", "with",
         "keep", "it", "this", "that", "be", "know", "beginner", "struggling", "suggest", "have", "good", "best", "way", "new", "first"],
        StringComparer.Ordinal);

    /// <summary>The prompts of the demo world's topics (104: 26 topics x 4 templates, template-major).</summary>
    public static IReadOnlyList<string> Prompts { get; } = [.. Known.Select(p => p.Prompt)];

    /// <summary>
    /// The 16 answers to <paramref name="question"/>, one per trait combination, in a fixed order (levels counted in
    /// binary, Detail the most significant trait).
    /// </summary>
    /// <exception cref="ArgumentException">The question is empty.</exception>
    public static IReadOnlyList<DemoResponse> For(string question)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var topic = TopicOf(question);
        var answers = new List<DemoResponse>(16);
        for (var combination = 0; combination < 16; combination++)
        {
            var levels = Enumerable.Range(0, DemoTraits.Count).Select(t => ((combination >> (DemoTraits.Count - 1 - t)) & 1) == 1 ? 1 : -1).ToArray();
            var random = new Random((int)StableHash.Murmur3($"{question}\u0001{combination}".AsSpan(), 7));
            answers.Add(new DemoResponse(Render(topic, levels, random), levels));
        }

        return answers;
    }

    /// <summary>
    /// The topic <paramref name="question"/> is about: a known prompt's own topic; else the known topic sharing the most
    /// content words with it (at least one); else a topic named by the question itself, with general advice.
    /// </summary>
    internal static StylesTopic TopicOf(string question)
    {
        if (ByPrompt.TryGetValue(question, out var exact))
        {
            return exact;
        }

        var words = ContentWords(question);
        var best = StylesTopics.All
            .Select(t => (Topic: t, Shared: ContentWords(t.Activity + " " + t.Subject).Count(words.Contains)))
            .OrderByDescending(t => t.Shared)
            .First();
        if (best.Shared > 0)
        {
            return best.Topic;
        }

        var activity = Asked(question);
        return new StylesTopic(activity, activity, [
            "break it into small steps and take them one at a time",
            "start with the simplest version that could work",
            "ask someone who has done it before to show you",
            "set aside a little time for it every day",
            "write down what you try and what happens",
        ]);
    }

    /// <summary>What the question asks about, its usual question words removed ("How do I fix a bike?" -> "fix a bike").</summary>
    private static string Asked(string question)
    {
        var text = LeadingQuestion().Replace(question.Trim(), "");
        text = text.TrimEnd('?', '.', '!', ' ').Trim();
        return text.Length == 0 ? "this" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static HashSet<string> ContentWords(string text) =>
        [.. Words().Matches(text.ToLowerInvariant()).Select(m => Stem(m.Value)).Where(w => w.Length > 2 && !StopWords.Contains(w))];

    // Crude plural and gerund folding, enough for "houseplant"/"houseplants" and "run"/"running" to meet.
    private static string Stem(string word)
    {
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            word = word[..^3];
            return word.Length > 2 && word[^1] == word[^2] ? word[..^1] : word;
        }

        return word.EndsWith('s') && word.Length > 3 ? word[..^1] : word;
    }

    private static string Render(StylesTopic topic, int[] levels, Random random)
    {
        var detailed = levels[(int)DemoAttribute.Detail] == 1;
        var formal = levels[(int)DemoAttribute.Formality] == 1;
        var list = levels[(int)DemoAttribute.Format] == 1;
        var warm = levels[(int)DemoAttribute.Warmth] == 1;
        string Pick(string[] bank) => Fill(bank[random.Next(bank.Length)], topic);

        var tips = SeededSampling.Sample(random, topic.Tips.Length, detailed ? 4 : 2).Select(i => topic.Tips[i]).ToArray();
        var reasons = SeededSampling.Sample(random, (formal ? FormalReasons : CasualReasons).Length, tips.Length)
            .Select(i => (formal ? FormalReasons : CasualReasons)[i]).ToArray();
        var points = new List<string>();
        for (var i = 0; i < tips.Length; i++)
        {
            var tip = formal ? tips[i] : Contract(tips[i]);
            var sentence = Fill((formal ? FormalTip : CasualTip)[random.Next(FormalTip.Length)], topic).Replace("{tip}", tip, StringComparison.Ordinal);
            if (!list && i > 0)
            {
                var connector = (formal ? FormalConnectors : CasualConnectors)[random.Next(FormalConnectors.Length)];
                sentence = connector + " " + LowerFirst(sentence);
            }

            points.Add(detailed ? sentence + " " + reasons[i] : sentence);
        }

        var text = new StringBuilder();
        if (warm)
        {
            text.Append(Pick(formal ? FormalWarmOpening : CasualWarmOpening)).Append(list ? "\n\n" : " ");
        }
        else if (detailed)
        {
            text.Append(Pick(formal ? FormalPlainOpening : CasualPlainOpening)).Append(list ? "\n\n" : " ");
        }

        text.Append(list
            ? string.Join('\n', points.Select((p, i) => $"{i + 1}. {p}"))
            : string.Join(' ', points));
        if (warm)
        {
            text.Append(list ? "\n\n" : " ").Append(Pick(formal ? FormalWarmClosing : CasualWarmClosing));
        }
        else if (detailed)
        {
            text.Append(list ? "\n\n" : " ").Append(Pick(formal ? FormalPlainClosing : CasualPlainClosing));
        }

        return text.ToString();
    }

    private static string Fill(string template, StylesTopic topic)
    {
        var text = template.Replace("{activity}", topic.Activity, StringComparison.Ordinal);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string LowerFirst(string sentence) =>
        sentence.StartsWith("I ", StringComparison.Ordinal) ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..];

    private static string Contract(string tip) => tip
        .Replace("do not", "don't", StringComparison.Ordinal)
        .Replace("you are", "you're", StringComparison.Ordinal)
        .Replace("have not", "haven't", StringComparison.Ordinal)
        .Replace("it is", "it's", StringComparison.Ordinal);

    // Each bank has the same length in its formal and casual versions, so a register never changes the draws' count.
    private static readonly string[] FormalTip = ["I recommend that you {tip}.", "It is advisable to {tip}.", "You should {tip}."];
    private static readonly string[] CasualTip = ["Just {tip}.", "Try to {tip}.", "You'll wanna {tip}."];
    private static readonly string[] FormalConnectors = ["Furthermore,", "In addition,", "Moreover,"];
    private static readonly string[] CasualConnectors = ["Also,", "Oh, and", "Plus,"];

    private static readonly string[] FormalReasons =
    [
        "This establishes a reliable foundation.",
        "Consistency in this respect yields the greatest benefit.",
        "Doing so prevents the most common difficulties.",
        "The effect usually becomes apparent within a few weeks.",
        "It is the step that experienced practitioners rarely omit.",
    ];

    private static readonly string[] CasualReasons =
    [
        "Makes a huge difference, honestly.",
        "Trust me on this one.",
        "It's way easier than it sounds.",
        "You'll notice it pretty fast.",
        "Pretty much everyone who's good at it does this.",
    ];

    private static readonly string[] FormalWarmOpening =
    [
        "Thank you for your question; {activity} is well worth the effort, and I am glad to help.",
        "What a worthwhile goal. I would be delighted to help with {activity}.",
    ];

    private static readonly string[] CasualWarmOpening =
    [
        "Ooh, love that you're getting into {activity}! Happy to help.",
        "Great question, and honestly {activity} is super fun once it clicks!",
    ];

    private static readonly string[] FormalPlainOpening = ["The following points concern {activity}.", "Here are the essential points on {activity}."];
    private static readonly string[] CasualPlainOpening = ["Okay, so, {activity}.", "Right, {activity}. Here's the deal."];
    private static readonly string[] FormalWarmClosing = ["I am confident that you will make excellent progress.", "I wish you every success."];
    private static readonly string[] CasualWarmClosing = ["You've totally got this!", "Have fun with it, you'll do great!"];
    private static readonly string[] FormalPlainClosing = ["These are the principal points.", "That concludes the essentials."];
    private static readonly string[] CasualPlainClosing = ["That's pretty much it.", "That's the gist."];

    [GeneratedRegex(@"^(?:(?:please|hey|hi)[, ]+)?(?:how (?:can|do|should|would) (?:i|we|you) (?:get better at |improve at |start |learn )?|what (?:is|are) the best way to |what should (?:i|a beginner) know about |(?:do you have |any )?(?:tips|advice) (?:for|on|about) |can you help me (?:with )?|i keep struggling with |tell me about )", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingQuestion();

    [GeneratedRegex(@"[a-z0-9']+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
