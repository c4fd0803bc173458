using Attune.Data.Styles;

namespace Attune.Generator.Tests;

/// <summary>Prompts and responses of the styles world (the world the test model was trained on).</summary>
public static class StylesTexts
{
    /// <summary>The prompt the fake LLM answers.</summary>
    public static string Prompt => StylesResponseGenerator.Prompts[0];

    /// <summary>Eight responses to <see cref="Prompt"/> with seeded attribute levels, for the fake LLM to "sample".</summary>
    public static IReadOnlyList<string> Candidates { get; } = Render(0, 8, seed: 3);

    /// <summary>A formal and a casual response to prompt <paramref name="p"/> (every other attribute at 0).</summary>
    public static (string Formal, string Casual) FormalCasual(int p)
    {
        var random = new Random(p);
        int[] formal = [0, 1, 0, 0, 0, 0, 0];
        int[] casual = [0, -1, 0, 0, 0, 0, 0];
        return (StylesResponseGenerator.Render(p, formal, random), StylesResponseGenerator.Render(p, casual, random));
    }

    /// <summary><paramref name="count"/> distinct responses to prompt <paramref name="prompt"/> with seeded attribute levels.</summary>
    public static List<string> Render(int prompt, int count, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>();
        while (texts.Count < count)
        {
            var levels = Enumerable.Range(0, StyleDirections.AttributeCount).Select(_ => random.Next(3) - 1).ToArray();
            var text = StylesResponseGenerator.Render(prompt, levels, random);
            if (!texts.Contains(text))
            {
                texts.Add(text);
            }
        }

        return texts;
    }
}
