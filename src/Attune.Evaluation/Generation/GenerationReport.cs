using System.Globalization;
using System.Text;

namespace Attune.Evaluation.Generation;

/// <summary>The generation evaluation as a Markdown table: one row per seed, then mean ± sd (sample sd over seeds).</summary>
public static class GenerationReport
{
    /// <summary>Share of users won that the target asks for.</summary>
    public const double Target = 0.70;

    public static string Markdown(IReadOnlyList<GenerationSeedResult> seeds, GenerationEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"best-of-{options.Candidates} after {options.Answers} active answers, styles world{(options.Quick ? " (quick)" : "")}");
        sb.AppendLine();
        sb.AppendLine("| seed | K | new users | users won (ties 1/2) | share won | per-prompt win rate | true reward: personalized pick | population pick | seconds |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in seeds)
        {
            sb.AppendLine(c, $"| {s.Seed} | {s.Rank} | {s.Users} | {s.Wins:0.#} ({s.Ties} ties) | {s.WinFraction:F3} | {s.PromptWinRate:F3} | {s.PersonalizedReward:F3} | {s.PopulationReward:F3} | {s.Seconds:F0} |");
        }

        sb.AppendLine(c, $"| **mean ± sd** | | {seeds.Sum(s => s.Users)} | | **{Format(seeds.Select(s => s.WinFraction))}** | {Format(seeds.Select(s => s.PromptWinRate))} | {Format(seeds.Select(s => s.PersonalizedReward))} | {Format(seeds.Select(s => s.PopulationReward))} | |");
        var pooled = seeds.Sum(s => s.Wins) / Math.Max(1, seeds.Sum(s => s.Users));
        sb.AppendLine();
        sb.AppendLine(c, $"Pooled over seeds: {pooled:F3} of new users won. Target (>= {Target:F2}): {(pooled >= Target ? "met" : "NOT met")}.");
        return sb.ToString();
    }

    private static string Format(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        var sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {sd:F3}");
    }
}
