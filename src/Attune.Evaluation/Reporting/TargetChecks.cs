using System.Globalization;
using Attune.Evaluation.Results;

namespace Attune.Evaluation.Reporting;

/// <summary>
/// The targets of issue 3 evaluated on a result, on means across seeds: synthetic (Attune at m = 20 within 0.02 of the
/// oracle; active with 15 answers &gt;= random with 40; SVD init at least halves the across-seed sd of random init; auto-K
/// finds the true K in &gt;= 80% of seeds) and dsp / hh (Attune, active, beats global Bradley-Terry and the per-user model at
/// m = 10 and m = 20).
/// </summary>
public static class TargetChecks
{
    /// <summary>The targets that apply to the result's dataset (none for others).</summary>
    public static IReadOnlyList<TargetCheck> For(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var checks = new List<TargetCheck>();
        if (result.Dataset == "synthetic")
        {
            var attune = result.Cell("attune:uncertainty", 20, c => c.Auc);
            var oracle = result.Cell("oracle", 20, c => c.Auc);
            checks.Add(new TargetCheck("Attune's new-user AUC at m = 20 is within 0.02 of the oracle's", oracle.Mean - attune.Mean <= 0.02,
                F($"oracle {oracle.Mean:F4} - Attune {attune.Mean:F4} = {oracle.Mean - attune.Mean:F4}")));
            var active = result.Cell("attune:uncertainty", 15, c => c.Auc);
            var random = result.Cell("attune:random", 40, c => c.Auc);
            checks.Add(new TargetCheck("active with 15 answers >= random with 40", active.Count > 0 && random.Count > 0 ? active.Mean >= random.Mean : null,
                F($"active@15 {active.Mean:F4} vs random@40 {random.Mean:F4}")));
            if (result.InitStudy.Count > 1)
            {
                var svd = Summary.Of(result.InitStudy.Select(r => r.SvdInitAuc));
                var rnd = Summary.Of(result.InitStudy.Select(r => r.RandomInitAuc));
                checks.Add(new TargetCheck("SVD init at least halves the across-seed spread (sd) of random init", svd.Sd <= 0.5 * rnd.Sd,
                    F($"sd SVD init {svd.Sd:F4} vs random init {rnd.Sd:F4} (ratio {svd.Sd / rnd.Sd:F2}) over {result.InitStudy.Count} trainer seeds")));
            }
            else
            {
                checks.Add(new TargetCheck("SVD init at least halves the across-seed spread (sd) of random init", null, "initialisation study not run"));
            }

            var withTruth = result.Seeds.Where(s => s.TrueRank is not null).ToArray();
            var hits = withTruth.Count(s => s.AttuneRank == s.TrueRank);
            checks.Add(new TargetCheck("auto-K finds the true K in >= 8 of 10 seeds", withTruth.Length > 0 ? hits >= 0.8 * withTruth.Length : null,
                F($"{hits} of {withTruth.Length} seeds (chosen: {string.Join(", ", withTruth.Select(s => s.AttuneRank))}; true {withTruth.FirstOrDefault()?.TrueRank})")));
        }
        else if (result.Dataset is "dsp" or "hh")
        {
            foreach (var m in new[] { 10, 20 })
            {
                var attune = result.Cell("attune:uncertainty", m, c => c.Auc);
                foreach (var baseline in new[] { "global-bt", "per-user" })
                {
                    var other = result.Cell(baseline, m, c => c.Auc);
                    checks.Add(new TargetCheck($"Attune beats {MethodOrder.Label(baseline)} at m = {m}", attune.Mean > other.Mean,
                        F($"Attune {attune.Mean:F4} ± {attune.Sd:F4} vs {other.Mean:F4} ± {other.Sd:F4}")));
                }
            }
        }

        return checks;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
