using Attune.Text.Hashing;

namespace Attune.Text.Tests.Hashing;

public sealed class StyleStatisticsTests
{
    private static float Feature(string response, StyleFeature feature, string prompt = "") =>
        StyleStatistics.Compute(prompt, response)[(int)feature];

    [Theory]
    [InlineData(StyleFeature.Hedges, "I think maybe it might work, but I am not sure.", "It will definitely work.")]
    [InlineData(StyleFeature.Confidence, "This will certainly work, without a doubt.", "Perhaps this could work.")]
    [InlineData(StyleFeature.Politeness, "Thank you for asking, and please let me know if this helps.", "Do it yourself.")]
    [InlineData(StyleFeature.Formality, "Dear reader, furthermore, one should therefore proceed.", "hey, just go for it")]
    [InlineData(StyleFeature.Slang, "hey, gonna be cool, tbh", "The results are satisfactory.")]
    [InlineData(StyleFeature.Contractions, "I don't think it's done, you'll see.", "I do not think it is done.")]
    [InlineData(StyleFeature.Humour, "Haha, just kidding, that was a joke.", "The meeting starts at noon.")]
    [InlineData(StyleFeature.Enthusiasm, "Wow, this is amazing and I love it!", "The meeting starts at noon.")]
    [InlineData(StyleFeature.Bluntness, "Obviously, just do it. No excuses.", "You could try it when convenient.")]
    [InlineData(StyleFeature.Questions, "Have you tried it? Does it help?", "It helps.")]
    [InlineData(StyleFeature.Exclamations, "Great! Do it now!", "Good. Do it now.")]
    [InlineData(StyleFeature.SecondPerson, "You should do what your heart says.", "One should do what the heart says.")]
    [InlineData(StyleFeature.FirstPersonSingular, "I tried it and my cat loved it.", "The cat loved it.")]
    [InlineData(StyleFeature.ListLines, "Steps:\n- one\n- two\n1. three", "Steps are one, two and three.")]
    [InlineData(StyleFeature.Digits, "Call 555 1234 at 10 am.", "Call me in the morning.")]
    [InlineData(StyleFeature.UppercaseRatio, "THIS IS LOUD.", "this is quiet.")]
    public void Compute_markedVersusPlainSentence_markedScoresHigher(StyleFeature feature, string marked, string plain)
    {
        Assert.True(
            Feature(marked, feature) > Feature(plain, feature),
            $"{feature}: {Feature(marked, feature)} should exceed {Feature(plain, feature)}");
    }

    [Fact]
    public void Compute_longerResponse_scoresHigherOnLengthFeatures()
    {
        var shortText = "Water it.";
        var longText = string.Join(' ', Enumerable.Repeat("Water the plant in the morning, then check the soil.", 12));

        Assert.True(Feature(longText, StyleFeature.Length) > Feature(shortText, StyleFeature.Length));
        Assert.True(Feature(longText, StyleFeature.LogLength) > Feature(shortText, StyleFeature.LogLength));
        Assert.True(Feature(longText, StyleFeature.SentenceCount) > Feature(shortText, StyleFeature.SentenceCount));
    }

    [Fact]
    public void Compute_responseRepeatingPromptWords_hasFullOverlap()
    {
        Assert.Equal(1f, Feature("Basil needs sun and water.", StyleFeature.PromptOverlap, "basil sun water"));
        Assert.Equal(0f, Feature("Cats sleep a lot.", StyleFeature.PromptOverlap, "basil sun water"));
    }

    [Fact]
    public void Compute_anyText_valuesWithinUnitInterval()
    {
        var values = StyleStatistics.Compute("prompt words here", "OK!!! ??? I I I you you 1234567890\n- a\n- b");

        Assert.Equal(StyleStatistics.Count, values.Length);
        Assert.All(values, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Compute_emptyResponse_isAllZero()
    {
        Assert.All(StyleStatistics.Compute("prompt", ""), v => Assert.Equal(0f, v));
    }
}
