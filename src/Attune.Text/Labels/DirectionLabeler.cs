using Attune.Text.Hashing;

namespace Attune.Text.Labels;

/// <summary>A direction in response space described in words (see <see cref="DirectionLabeler"/>).</summary>
/// <param name="Name">"positive &lt;-&gt; negative", e.g. "formal &lt;-&gt; contractions, slang".</param>
/// <param name="Positive">Traits, then words, of the responses that score high; most distinctive first.</param>
/// <param name="Negative">Traits, then words, of the responses that score low; most distinctive first.</param>
/// <param name="HighExample">A snippet of the highest-scoring response.</param>
/// <param name="LowExample">A snippet of the lowest-scoring response.</param>
public sealed record DirectionLabel(
    string Name, IReadOnlyList<string> Positive, IReadOnlyList<string> Negative, string HighExample, string LowExample);

/// <summary>
/// Names what a score over responses measures (a base reward function phi_k over the training responses), from the
/// texts alone, so it works for any featurizer:
/// <list type="number">
/// <item>traits: the Pearson correlation across responses between the score and each style statistic
/// (<see cref="StyleStatistics"/>: length, formality, slang, contractions, lists, exclamations, ...); a statistic with
/// |r| &gt;= <see cref="MinCorrelation"/> names the side it rises on ("formal" on the positive side for r &gt; 0,
/// "slang" on the negative side for r &lt; 0); a side with no trait of its own takes the opposite of the other side's
/// strongest ("shorter" against "longer");</item>
/// <item>words: the words whose presence differs most between the top and bottom fifth of responses by score
/// (smoothed log-odds ratio of document frequencies, words in at least a fifth of that side's responses);</item>
/// <item>examples: the highest- and lowest-scoring responses, shortened (as PReF's Appendix E shows an LLM, here shown
/// to the person).</item>
/// </list>
/// The name is the first two terms of each side. Deterministic: ties are broken by name.
/// </summary>
public static class DirectionLabeler
{
    /// <summary>Smallest |Pearson r| for a style statistic to name a side.</summary>
    public const double MinCorrelation = 0.3;

    private const int ExampleLength = 110;

    private static readonly Dictionary<StyleFeature, (string High, string Low)> TraitNames = new()
    {
        [StyleFeature.LogLength] = ("longer", "shorter"),
        [StyleFeature.Length] = ("longer", "shorter"),
        [StyleFeature.MeanSentenceLength] = ("long sentences", "short sentences"),
        [StyleFeature.SentenceCount] = ("more sentences", "fewer sentences"),
        [StyleFeature.Questions] = ("questions", "no questions"),
        [StyleFeature.Exclamations] = ("exclamations", "no exclamations"),
        [StyleFeature.Commas] = ("commas", "few commas"),
        [StyleFeature.UppercaseRatio] = ("capitals", "few capitals"),
        [StyleFeature.FirstPersonSingular] = ("I and me", "no I or me"),
        [StyleFeature.FirstPersonPlural] = ("we and us", "no we or us"),
        [StyleFeature.SecondPerson] = ("speaks to you", "impersonal"),
        [StyleFeature.Hedges] = ("hedging", "no hedging"),
        [StyleFeature.Confidence] = ("confident", "less assertive"),
        [StyleFeature.Politeness] = ("polite", "no pleasantries"),
        [StyleFeature.Contractions] = ("contractions", "no contractions"),
        [StyleFeature.Slang] = ("casual", "not casual"),
        [StyleFeature.Formality] = ("formal", "not formal"),
        [StyleFeature.Humour] = ("humour", "no humour"),
        [StyleFeature.Enthusiasm] = ("enthusiastic", "flat"),
        [StyleFeature.Bluntness] = ("blunt", "not blunt"),
        [StyleFeature.ListLines] = ("a list", "prose"),
        [StyleFeature.Digits] = ("digits", "few digits"),
        [StyleFeature.PromptOverlap] = ("echoes the question", "new words"),
        [StyleFeature.MeanWordLength] = ("long words", "short words"),
    };

    /// <summary>Describes <paramref name="scores"/>[i], the score of <paramref name="responses"/>[i].</summary>
    /// <exception cref="ArgumentException">The lengths differ, or fewer than 2 responses.</exception>
    public static DirectionLabel Describe(IReadOnlyList<TextPair> responses, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(scores);
        if (responses.Count != scores.Count || responses.Count < 2)
        {
            throw new ArgumentException($"One score per response, at least 2; got {responses.Count} responses and {scores.Count} scores.", nameof(scores));
        }

        var stats = responses.Select(r => StyleStatistics.Compute(r.Prompt, r.Response)).ToArray();
        var traits = Enum.GetValues<StyleFeature>()
            .Select(f => (Feature: f, R: Pearson(stats.Select(s => (double)s[(int)f]).ToArray(), scores)))
            .Where(t => double.IsFinite(t.R) && Math.Abs(t.R) >= MinCorrelation && TraitNames.ContainsKey(t.Feature))
            .OrderByDescending(t => Math.Abs(t.R)).ThenBy(t => t.Feature)
            .ToList();
        var positive = Distinct(traits.Where(t => t.R > 0).Select(t => TraitNames[t.Feature].High));
        var negative = Distinct(traits.Where(t => t.R < 0).Select(t => TraitNames[t.Feature].High));
        if (positive.Count == 0 && traits.FirstOrDefault(t => t.R < 0) is { Feature: var fn } && traits.Count > 0)
        {
            positive.Add(TraitNames[fn].Low);
        }

        if (negative.Count == 0 && traits.FirstOrDefault(t => t.R > 0) is { Feature: var fp } && traits.Count > 0)
        {
            negative.Add(TraitNames[fp].Low);
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var fifth = Math.Max(1, order.Length / 5);
        var (highWords, lowWords) = DistinctiveWords(responses, order[..fifth], order[^fifth..]);
        var positiveTerms = Distinct(positive.Concat(highWords));
        var negativeTerms = Distinct(negative.Concat(lowWords));
        var name = $"{Side(positiveTerms)} <-> {Side(negativeTerms)}";
        return new DirectionLabel(
            name, positiveTerms, negativeTerms, Snippet(responses[order[0]].Response), Snippet(responses[order[^1]].Response));
    }

    private static string Side(List<string> terms) => terms.Count == 0 ? "?" : string.Join(", ", terms.Take(2));

    private static List<string> Distinct(IEnumerable<string> terms)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. terms.Where(seen.Add)];
    }

    /// <summary>Up to 3 words per side by smoothed log-odds of document frequency, each in at least a fifth of its side.</summary>
    private static (List<string> High, List<string> Low) DistinctiveWords(IReadOnlyList<TextPair> responses, int[] top, int[] bottom)
    {
        Dictionary<string, int> Frequencies(int[] rows)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var i in rows)
            {
                foreach (var w in Tokenizer.Words(responses[i].Response).Where(w => w.Length > 2 && !w.All(char.IsDigit)).Distinct(StringComparer.Ordinal))
                {
                    counts[w] = counts.GetValueOrDefault(w) + 1;
                }
            }

            return counts;
        }

        var high = Frequencies(top);
        var low = Frequencies(bottom);
        double LogOdds(int count, int n) => Math.Log((count + 0.5) / (n - count + 0.5));
        var words = high.Keys.Union(low.Keys)
            .Select(w => (Word: w, High: high.GetValueOrDefault(w), Low: low.GetValueOrDefault(w)))
            .Select(w => (w.Word, w.High, w.Low, Score: LogOdds(w.High, top.Length) - LogOdds(w.Low, bottom.Length)))
            .ToList();
        var highWords = words.Where(w => w.Score > 1 && w.High * 5 >= top.Length)
            .OrderByDescending(w => w.Score).ThenBy(w => w.Word, StringComparer.Ordinal).Take(3).Select(w => w.Word).ToList();
        var lowWords = words.Where(w => w.Score < -1 && w.Low * 5 >= bottom.Length)
            .OrderBy(w => w.Score).ThenBy(w => w.Word, StringComparer.Ordinal).Take(3).Select(w => w.Word).ToList();
        return (highWords, lowWords);
    }

    private static double Pearson(double[] x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx <= 0 || syy <= 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static string Snippet(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= ExampleLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', ExampleLength);
        return flat[..(cut > ExampleLength / 2 ? cut : ExampleLength)] + "…";
    }
}
