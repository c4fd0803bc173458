using Attune.Text.Labels;

namespace Attune.Text.Tests.Labels;

/// <summary>Naming a direction from texts and scores: traits by correlation, words by log-odds, the extreme examples.</summary>
public sealed class DirectionLabelerTests
{
    private static readonly string[] Formal =
    [
        "I recommend that you water the plants weekly. Furthermore, it is advisable to use good soil.",
        "It is advisable to rest. Moreover, I recommend that you drink water regularly.",
        "You should plan ahead. In addition, I recommend that you keep a written schedule.",
        "I recommend that you practise daily. Furthermore, consistency is therefore essential.",
    ];

    private static readonly string[] Casual =
    [
        "Just water 'em, you'll be fine lol. Don't stress.",
        "Gonna be honest, just chill and rest, it's fine.",
        "Yeah so you'll wanna plan stuff, kinda. Don't overthink.",
        "Just practise, it's no biggie, you're gonna be great.",
    ];

    [Fact]
    public void Describe_scoreRisingWithFormality_namesFormalAgainstCasual()
    {
        var texts = Formal.Concat(Casual).Select(t => new TextPair("How do I do it?", t)).ToList();
        double[] scores = [.. Formal.Select((_, i) => 1.0 + (0.1 * i)), .. Casual.Select((_, i) => -1.0 - (0.1 * i))];

        var label = DirectionLabeler.Describe(texts, scores);

        Assert.Contains("formal", label.Positive);
        Assert.Contains(label.Negative, t => t is "contractions" or "casual");
        Assert.Contains(" <-> ", label.Name, StringComparison.Ordinal);
        Assert.StartsWith("I recommend that you practise daily", label.HighExample, StringComparison.Ordinal);
        Assert.StartsWith("Just practise", label.LowExample, StringComparison.Ordinal);
        // Words: from the top fifth (here the top answer), absent from the bottom one.
        Assert.Contains(label.Positive, t => Formal[3].Contains(t, StringComparison.OrdinalIgnoreCase) && !Casual[3].Contains(t, StringComparison.OrdinalIgnoreCase) && t.Length > 3 && !t.Contains(' '));
    }

    [Fact]
    public void Describe_flippedScores_swapsTheSides()
    {
        var texts = Formal.Concat(Casual).Select(t => new TextPair("How do I do it?", t)).ToList();
        double[] scores = [.. Formal.Select(_ => -1.0), .. Casual.Select(_ => 1.0)];

        var label = DirectionLabeler.Describe(texts, scores);

        Assert.Contains("formal", label.Negative);
        Assert.DoesNotContain("formal", label.Positive);
    }

    [Fact]
    public void Describe_mismatchedLengths_throwsNamingScores()
    {
        var error = Assert.Throws<ArgumentException>(() => DirectionLabeler.Describe([new TextPair("p", "a"), new TextPair("p", "b")], [1.0]));
        Assert.Equal("scores", error.ParamName);
    }
}
