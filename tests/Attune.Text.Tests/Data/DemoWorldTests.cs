using Attune.Data.Demo;

namespace Attune.Text.Tests.Data;

/// <summary>The demo world's answers: coherent in every trait, about the question's topic, deterministic.</summary>
public sealed class DemoWorldTests
{
    private static readonly string[] CasualMarkers = ["Just ", "You'll wanna", "Also,", "Oh, and", "Plus,", "honestly", "Trust me", "way easier", "pretty fast", "Ooh", "Okay, so", "Right,", "Here's the deal", "You've totally", "Have fun", "pretty much", "gist", "don't", "you're"];
    private static readonly string[] FormalMarkers = ["I recommend that you", "It is advisable", "You should", "Furthermore,", "In addition,", "Moreover,", "establishes", "Consistency", "Doing so", "apparent", "practitioners", "Thank you for your question", "delighted", "The following points", "essential points", "I am confident", "every success", "principal points", "concludes"];

    [Fact]
    public void For_sixteenDistinctAnswers_oneRegisterThroughout()
    {
        var question = "How can I get better at baking bread?";
        var answers = DemoResponses.For(question);

        Assert.Equal(16, answers.Count);
        Assert.Equal(16, answers.Select(a => a.Text).Distinct().Count());
        Assert.Equal(16, answers.Select(a => string.Join(',', a.Levels)).Distinct().Count());
        foreach (var a in answers)
        {
            var formal = a.Levels[(int)DemoAttribute.Formality] == 1;
            Assert.DoesNotContain((formal ? CasualMarkers : FormalMarkers), m => a.Text.Contains(m, StringComparison.Ordinal));
            Assert.Contains((formal ? FormalMarkers : CasualMarkers), m => a.Text.Contains(m, StringComparison.Ordinal));
            Assert.Equal(a.Levels[(int)DemoAttribute.Format] == 1, a.Text.Contains("1. ", StringComparison.Ordinal));
            Assert.Equal(a.Levels[(int)DemoAttribute.Warmth] == 1,
                new[] { "Thank you", "delighted", "Ooh", "Great question", "confident that you", "every success", "got this", "Have fun" }.Any(m => a.Text.Contains(m, StringComparison.Ordinal)));
            Assert.Contains(a.Levels[(int)DemoAttribute.Detail] == 1 ? "4. " : "2. ", a.Levels[(int)DemoAttribute.Format] == 1 ? a.Text : "1. 2. 4. ");
            Assert.True(a.Text.Contains("dough", StringComparison.Ordinal) || a.Text.Contains("loaf", StringComparison.Ordinal)
                || a.Text.Contains("flour", StringComparison.Ordinal) || a.Text.Contains("oven", StringComparison.Ordinal), a.Text);
        }

        Assert.Equal(answers.Select(a => a.Text), DemoResponses.For(question).Select(a => a.Text));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n---\n", answers.Select(a => string.Join(',', a.Levels) + "\n" + a.Text)));
    }

    [Theory]
    [InlineData("How do I keep my houseplants from dying?", "water only when the top inch of soil is dry")]
    [InlineData("Any advice for my first 5k run?", "running")]
    [InlineData("What's a good way to sleep better at night?", "bed")]
    public void For_anyQuestion_answersItsTopic(string question, string expected)
    {
        var answers = DemoResponses.For(question);
        Assert.Contains(answers, a => a.Text.Contains(expected, StringComparison.OrdinalIgnoreCase) || a.Text.Contains(expected.Replace("running", "run", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void For_unknownTopic_namesWhatWasAsked()
    {
        var answers = DemoResponses.For("How do I fix a leaky faucet?");
        Assert.Contains(answers, a => a.Text.Contains("fix a leaky faucet", StringComparison.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain("{", a.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_usersJudgeByTheirTaste()
    {
        var world = DemoWorld.Generate(new DemoOptions(ComparisonsPerUser: 40, UsersPerTaste: 1, Prompts: 20));
        var truth = (DemoGroundTruth)world.GroundTruth!;

        Assert.Equal(24, world.Users.Count);
        Assert.Equal(24 * 40, world.Comparisons.Count);
        var agree = world.Comparisons
            .Select(c => (c, d: truth.Reward(c.UserId, c.Prompt, c.ResponseA) - truth.Reward(c.UserId, c.Prompt, c.ResponseB)))
            .Where(x => x.d != 0)
            .Average(x => (x.d > 0) == (x.c.Preference > 0.5) ? 1.0 : 0.0);
        Assert.True(agree > 0.9, $"labels agree with the true reward on {agree:P0} of the non-tied comparisons");
        Assert.Equal("formal", DemoTraits.Name(DemoAttribute.Formality, 1));
        Assert.Contains(world.Users, u => u.StartsWith("formal+", StringComparison.Ordinal) || u.Contains("+formal", StringComparison.Ordinal));
    }
}
