using Attune.Data;
using Attune.Data.Styles;

namespace Attune.Text.Tests.Data;

public sealed class StylesWorldTests
{
    private static readonly PreferenceDataset Default = StylesWorld.Generate();

    private static StylesGroundTruth Truth => Assert.IsType<StylesGroundTruth>(Default.GroundTruth);

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void GroundTruth_temperature_isTheOptionsTemperature(double temperature)
    {
        var world = StylesWorld.Generate(new StylesOptions(prompts: 4, comparisonsPerUser: 2, temperature: temperature));

        Assert.Equal(temperature, world.GroundTruth!.Temperature);
    }

    [Fact]
    public void Generate_defaults_hasDocumentedShape()
    {
        Assert.Equal(84, Default.Users.Count);
        Assert.Equal(84, Default.Users.Distinct().Count());
        Assert.Equal(100, Default.Prompts.Count);
        Assert.All(Default.Prompts, p => Assert.Equal(16, p.Responses.Distinct().Count()));
        Assert.Equal(84 * 100, Default.Comparisons.Count);
        Assert.Contains("formal+funny", Default.Users);
        Assert.Contains("short+hedging", Default.Users);
    }

    [Fact]
    public void Generate_sameSeed_isIdentical_otherSeedDiffers()
    {
        var again = StylesWorld.Generate(new StylesOptions(seed: 0));
        var other = StylesWorld.Generate(new StylesOptions(seed: 5));

        Assert.Equal(Default.Prompts.SelectMany(p => p.Responses), again.Prompts.SelectMany(p => p.Responses));
        Assert.Equal(Default.Comparisons, again.Comparisons);
        Assert.NotEqual(Default.Prompts.SelectMany(p => p.Responses), other.Prompts.SelectMany(p => p.Responses));
    }

    [Fact]
    public void Reward_formalLover_prefersFormalResponse()
    {
        var (formal, casual) = FindPair(StyleAttribute.Formality);

        Assert.Contains("Dear reader", formal.Text);
        Assert.True(Truth.Reward("formal+funny", formal.Prompt, formal.Text) > Truth.Reward("formal+funny", casual.Prompt, casual.Text));
        Assert.True(Truth.Reward("casual+funny", formal.Prompt, formal.Text) < Truth.Reward("casual+funny", casual.Prompt, casual.Text));
    }

    [Fact]
    public void Reward_anyUserAndResponse_isSignedSumOfTheTwoLevels()
    {
        var prompt = Default.Prompts[3];
        foreach (var user in new[] { "long+hedging", "serious+blunt", "engaging+enthusiastic" })
        {
            var parts = user.Split('+').Select(StyleDirections.Parse).ToArray();
            foreach (var response in prompt.Responses)
            {
                var l = Truth.Levels(prompt.Prompt, response);
                var expected = (parts[0].Sign * l[(int)parts[0].Attribute]) + (parts[1].Sign * l[(int)parts[1].Attribute]);
                Assert.Equal(expected, Truth.Reward(user, prompt.Prompt, response));
            }
        }
    }

    [Fact]
    public void OracleAccuracy_defaults_isHigh()
    {
        Assert.InRange(Default.OracleAccuracy()!.Value, 0.75, 0.95);
    }

    [Fact]
    public void All_users_are84DistinctPairsOfDifferentAttributes()
    {
        var users = StylesUser.All();

        Assert.Equal(84, users.Select(u => u.Id).Distinct().Count());
        Assert.All(users, u => Assert.NotEqual(u.First, u.Second));
    }

    [Fact]
    public void Render_hedgingVersusConfident_usesTheDocumentedMarkers()
    {
        int[] hedging = [0, 0, 0, 0, 0, 0, -1], confident = [0, 0, 0, 0, 0, 0, 1];

        var h = StylesResponseGenerator.Render(0, hedging, new Random(1));
        var c = StylesResponseGenerator.Render(0, confident, new Random(1));

        Assert.Matches("(?i)maybe|perhaps|might|I guess|may be", h);
        Assert.Matches("(?i)definitely|certainly|without a doubt|no doubt|I am sure", c);
    }

    [Fact]
    public void Render_badLevels_throwsNamingLevels()
    {
        var e = Assert.Throws<ArgumentException>(() => StylesResponseGenerator.Render(0, [2, 0, 0, 0, 0, 0, 0], new Random(1)));

        Assert.Equal("levels", e.ParamName);
    }

    private static ((string Prompt, string Text) Positive, (string Prompt, string Text) Negative) FindPair(StyleAttribute attribute)
    {
        var all = Default.Prompts.SelectMany(p => p.Responses.Select(r => (p.Prompt, Text: r))).ToList();
        var positive = all.First(r => Truth.Levels(r.Prompt, r.Text)[(int)attribute] == 1 && Truth.Levels(r.Prompt, r.Text)[(int)StyleAttribute.Humour] == 0);
        var negative = all.First(r => Truth.Levels(r.Prompt, r.Text)[(int)attribute] == -1 && Truth.Levels(r.Prompt, r.Text)[(int)StyleAttribute.Humour] == 0);
        return (positive, negative);
    }
}
