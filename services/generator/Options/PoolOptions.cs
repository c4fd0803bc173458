namespace Attune.Generator.Options;

/// <summary>
/// The candidate pool (section <c>Generator:Pool</c>), the stand-in backend when no LLM is configured: responses
/// already known for a prompt come first (a comparisons JSONL file and, when <see cref="StylesSeed"/> is set, the styles
/// world's), then responses rendered by the styles world's template generator for any question. With
/// <see cref="World"/> "demo" the pool is the demo world's instead: for any question, its 16 answers (one per
/// combination of the demo's four traits, about the question's topic: <see cref="Attune.Data.Demo.DemoResponses"/>).
/// </summary>
public sealed class PoolOptions
{
    /// <summary>Which rendered world answers questions: "styles" (default) or "demo" (what <c>attune up</c> uses).</summary>
    public string World { get; set; } = "styles";

    /// <summary>A comparisons JSONL file (docs/data-format.md); every response seen with a prompt is known for it.</summary>
    public string? File { get; set; }

    /// <summary>Seed of the styles world whose responses are known (the demo's is 0); unset: none.</summary>
    public int? StylesSeed { get; set; }

    /// <summary>Prompts of that world (1-104).</summary>
    public int StylesPrompts { get; set; } = 60;

    /// <summary>Responses per prompt of that world (&gt;= 2).</summary>
    public int StylesResponsesPerPrompt { get; set; } = 8;

    /// <summary>Pool pairs per prompt of that world (they shape its random draws, so the demo's 12 reproduce its texts).</summary>
    public int StylesPairsPerPrompt { get; set; } = 12;

    /// <summary>Template responses rendered per prompt after the known ones (1-256).</summary>
    public int RenderedPerPrompt { get; set; } = 48;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key of the first value out of range.</summary>
    public void Validate()
    {
        if (World is not ("styles" or "demo"))
        {
            throw new InvalidOperationException($"Generator:Pool:World must be \"styles\" or \"demo\"; got \"{World}\".");
        }

        if (StylesPrompts is < 1 or > 104)
        {
            throw new InvalidOperationException($"Generator:Pool:StylesPrompts must be in [1, 104]; got {StylesPrompts}.");
        }

        if (StylesResponsesPerPrompt < 2)
        {
            throw new InvalidOperationException($"Generator:Pool:StylesResponsesPerPrompt must be >= 2; got {StylesResponsesPerPrompt}.");
        }

        if (StylesPairsPerPrompt < 1 || StylesPairsPerPrompt > StylesResponsesPerPrompt * (StylesResponsesPerPrompt - 1) / 2)
        {
            throw new InvalidOperationException(
                $"Generator:Pool:StylesPairsPerPrompt must be in [1, n(n-1)/2] for n = StylesResponsesPerPrompt; got {StylesPairsPerPrompt}.");
        }

        if (RenderedPerPrompt is < 1 or > 256)
        {
            throw new InvalidOperationException($"Generator:Pool:RenderedPerPrompt must be in [1, 256]; got {RenderedPerPrompt}.");
        }
    }
}
