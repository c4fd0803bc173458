using Attune.Data.Jsonl;
using Attune.Data.Styles;
using Attune.Generator.Options;
using Attune.Text.Hashing;

namespace Attune.Generator.Pool;

/// <summary>
/// The responses the pool backend can give for a prompt, in preference order: the ones already known for it (from
/// <see cref="PoolOptions.File"/>, then the styles world of <see cref="PoolOptions.StylesSeed"/>), then
/// <see cref="PoolOptions.RenderedPerPrompt"/> responses rendered by the styles world's template generator with
/// attribute levels drawn from a seed of the prompt's text, for any question (<see cref="StylesResponseGenerator.RenderAny"/>).
/// The rendered ones are templates carrying style markers, a stand-in for an LLM, not answers.
/// </summary>
public sealed class CandidatePool
{
    private readonly Dictionary<string, List<string>> _known = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _pairs = [];
    private readonly int _rendered;
    private readonly bool _demo;

    /// <summary>Loads the known responses (reads the file once, at construction).</summary>
    /// <exception cref="InvalidOperationException">The configured file cannot be read.</exception>
    public CandidatePool(PoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rendered = options.RenderedPerPrompt;
        _demo = options.World == "demo";
        if (!string.IsNullOrWhiteSpace(options.File))
        {
            try
            {
                foreach (var c in ComparisonJsonlReader.ReadFile(options.File))
                {
                    Add(c.Prompt, c.ResponseA);
                    Add(c.Prompt, c.ResponseB);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ComparisonFormatException)
            {
                throw new InvalidOperationException($"Generator:Pool:File '{options.File}' cannot be read: {e.Message}", e);
            }
        }

        if (options.StylesSeed is { } seed)
        {
            var world = StylesWorld.Generate(new StylesOptions(
                seed, options.StylesPrompts, options.StylesResponsesPerPrompt, options.StylesPairsPerPrompt, comparisonsPerUser: 1));
            foreach (var prompt in world.Prompts)
            {
                foreach (var response in prompt.Responses)
                {
                    Add(prompt.Prompt, response);
                }
            }
        }
    }

    /// <summary>
    /// Known responses of <paramref name="prompt"/> (exact match), in the order first seen; in the demo world, its 16
    /// answers to the question after them.
    /// </summary>
    public IReadOnlyList<string> Known(string prompt)
    {
        var known = _known.TryGetValue(prompt, out var list) ? list : [];
        return _demo && !string.IsNullOrWhiteSpace(prompt)
            ? [.. known.Concat(Attune.Data.Demo.DemoResponses.For(prompt).Select(a => a.Text)).Distinct(StringComparer.Ordinal)]
            : known;
    }

    /// <summary>
    /// Every response for <paramref name="prompt"/>: the known ones, then (styles world) the rendered ones (distinct,
    /// deterministic).
    /// </summary>
    public IReadOnlyList<string> For(string prompt)
    {
        var known = Known(prompt);
        if (_demo)
        {
            return known;
        }

        var all = new List<string>(known.Count + _rendered);
        var seen = new HashSet<string>(known, StringComparer.Ordinal);
        all.AddRange(known);
        var random = new Random((int)StableHash.Murmur3(prompt.AsSpan(), 0));
        for (var tries = 0; all.Count < known.Count + _rendered && tries < 4 * _rendered; tries++)
        {
            var levels = Enumerable.Range(0, StyleDirections.AttributeCount).Select(_ => random.Next(3) - 1).ToArray();
            var text = StylesResponseGenerator.RenderAny(prompt, levels, random);
            if (seen.Add(text))
            {
                all.Add(text);
            }
        }

        return all;
    }

    private void Add(string prompt, string response)
    {
        if (!_pairs.Add((prompt, response)))
        {
            return;
        }

        if (!_known.TryGetValue(prompt, out var list))
        {
            _known[prompt] = list = [];
        }

        list.Add(response);
    }
}
