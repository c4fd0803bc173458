using System.Globalization;
using System.Text;
using Attune.Evaluation.Results;

namespace Attune.Evaluation.Reporting;

/// <summary>Writes report.md: the run and data, the targets, tables of mean ± sd across seeds, per-seed facts, the plots.</summary>
public static class MarkdownReport
{
    private static string Questions(EvaluationResult result) =>
        result.Options.Questions == Protocol.NewUserQuestions.AnyCalibrationPair && result.Seeds.Any(s => s.Curves.ContainsKey("oracle"))
            ? "any pair seen on a calibration prompt, answered by a Bradley-Terry draw from the user's true reward at the world's temperature"
            : "the user's own recorded calibration-prompt comparisons, answered by the recorded labels";

    /// <summary>The report text.</summary>
    public static string Write(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var answers = result.Options.AnswerCounts;
        L(md, $"# Attune evaluation: {result.Dataset}");
        L(md);
        L(md, $"- Seeds: {result.Seeds.Count} ({result.Seeds[0].Seed}..{result.Seeds[^1].Seed}){(result.Quick ? ", quick settings" : string.Empty)}; total {result.TotalSeconds:F0} s, {result.Across(s => s.Seconds).Mean:F1} s per seed.");
        L(md, $"- Hardware: {result.Hardware}.");
        L(md, $"- Data: {result.Description}");
        L(md, $"- Loader: {result.LoaderSettings}.");
        L(md, $"- Split: {result.Options.NewUserFraction:P0} of users are new users; prompts {1 - result.Options.CalibrationFraction - result.Options.TestFraction:P0} train / {result.Options.CalibrationFraction:P0} calibration / {result.Options.TestFraction:P0} test. " +
              $"Per seed: {result.Across(s => s.TrainUsers).Mean:F0} training users, {result.Across(s => s.NewUsers).Mean:F0} new users, {result.Across(s => s.TrainComparisons).Mean:F0} training comparisons, " +
              $"{result.Across(s => s.MeanCalibrationPool).Mean:F1} askable questions per new user on average ({result.Across(s => s.CappedNewUsers).Mean:F1} new users per seed have fewer than m = {result.Options.MaxAnswers} and answer all they have).");
        L(md, $"- New users' questions: {Questions(result)}; posterior scored by {(result.Options.Scoring == Protocol.NewUserScoring.Predictive ? "the Laplace predictive margin" : "the posterior mean's margin")}.");
        L(md, $"- Trainer: PrefTrainingOptions defaults (K chosen from the spectrum and validation, max K {result.Options.Trainer.MaxRank}, lambda_v {result.Options.Trainer.LambdaV}, lambda_w {result.Options.Trainer.LambdaW}); baselines' L2 {result.Options.LogisticLambda}.");
        foreach (var note in result.Notes)
        {
            L(md, $"- Note: {note}");
        }

        var targets = TargetChecks.For(result);
        if (targets.Count > 0)
        {
            L(md);
            L(md, "## Targets");
            L(md);
            L(md, "| target | met | numbers |");
            L(md, "| --- | --- | --- |");
            foreach (var t in targets)
            {
                L(md, $"| {t.Name} | {(t.Met is bool b ? (b ? "yes" : "**no**") : "n/a")} | {t.Detail} |");
            }
        }

        L(md);
        L(md, "## New-user test AUC against calibration answers m (mean ± sd across seeds)");
        L(md);
        Table(md, result, result.Methods, answers, c => c.Auc);
        L(md);
        L(md, "## Active vs random questions (Attune and reward features, AUC)");
        L(md);
        Table(md, result, result.Methods.Where(m => m.StartsWith("attune", StringComparison.Ordinal) || m.StartsWith("reward-features:", StringComparison.Ordinal)).ToArray(), answers, c => c.Auc);
        MethodTimes(md, result);
        int reference = answers.Contains(20) ? 20 : answers[^1];
        L(md);
        L(md, $"## All metrics at m = {reference} (accuracy, log-loss and ECE pool every new user's test comparisons)");
        L(md);
        L(md, "| method | AUC | accuracy | log-loss | ECE |");
        L(md, "| --- | --- | --- | --- | --- |");
        foreach (var method in result.Methods)
        {
            L(md, $"| {MethodOrder.Label(method)} | {Cell(result.Cell(method, reference, c => c.Auc))} | {Cell(result.Cell(method, reference, c => c.Accuracy))} | {Cell(result.Cell(method, reference, c => c.LogLoss))} | {Cell(result.Cell(method, reference, c => c.Ece))} |");
        }

        if (result.Seeds.Any(s => s.BestOfNWinRate.Count > 0))
        {
            L(md);
            L(md, "## Best-of-n win rate of Attune's fitted reward (active) over global Bradley-Terry's pick, judged by the true reward");
            L(md);
            L(md, "| " + string.Join(" | ", answers.Select(a => $"m = {a}")) + " |");
            L(md, "|" + string.Concat(answers.Select(_ => " --- |")));
            L(md, "| " + string.Join(" | ", answers.Select(a => Cell(Summary.Of(result.Seeds.Select(s => s.BestOfNWinRate.GetValueOrDefault(a, double.NaN)))))) + " |");
        }

        SeedsAndInit(md, result);
        L(md);
        L(md, "## Plots");
        L(md);
        L(md, "![AUC against answers](auc-vs-answers.svg)");
        L(md, "![Active vs random](active-vs-random.svg)");
        L(md, "![Singular spectrum](spectrum.svg)");
        L(md, "![Users](users.svg)");
        return md.ToString();
    }

    private static void SeedsAndInit(StringBuilder md, EvaluationResult result)
    {
        L(md);
        L(md, "## Per seed");
        L(md);
        L(md, "| seed | K chosen | true K | elbow | reward-features K | init | clusters | seen users' test AUC: Attune | reward features | train s: Attune | reward features | seed s |");
        L(md, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in result.Seeds)
        {
            L(md, $"| {s.Seed} | {s.AttuneRank} | {s.TrueRank?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {s.ElbowRank?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {s.JointRank} | {s.AttuneInitialization} | {s.Clusters} | {s.SeenUsersAucAttune:F4} | {s.SeenUsersAucJoint:F4} | {s.AttuneSeconds:F1} | {s.JointSeconds:F1} | {s.Seconds:F1} |");
        }

        L(md);
        L(md, $"Across the protocol seeds (data, split and trainer all vary), the training users' test-prompt AUC is {Cell(result.Across(s => s.SeenUsersAucAttune))} for Attune (SVD init) and {Cell(result.Across(s => s.SeenUsersAucJoint))} for reward features (random init).");
        if (result.InitStudy.Count > 0)
        {
            L(md);
            L(md, "## Initialisation study (data and split of seed 0 fixed; only the trainer seed varies)");
            L(md);
            L(md, "| trainer seed | SVD init AUC | K | random init AUC | K |");
            L(md, "| --- | --- | --- | --- | --- |");
            foreach (var r in result.InitStudy)
            {
                L(md, $"| {r.TrainerSeed} | {r.SvdInitAuc:F4} | {r.SvdInitRank} | {r.RandomInitAuc:F4} | {r.RandomInitRank} |");
            }

            L(md, $"| mean ± sd | {Cell(Summary.Of(result.InitStudy.Select(r => r.SvdInitAuc)))} | | {Cell(Summary.Of(result.InitStudy.Select(r => r.RandomInitAuc)))} | |");
        }
    }

    private static void MethodTimes(StringBuilder md, EvaluationResult result)
    {
        L(md);
        L(md, "## Training time and fit per method (mean ± sd across seeds)");
        L(md);
        L(md, "| method | featurizer | K | train s | seen users' test AUC |");
        L(md, "| --- | --- | --- | --- | --- |");
        L(md, $"| attune | dataset's own | {Cell(result.Across(s => s.AttuneRank))} | {Cell(result.Across(s => s.AttuneSeconds))} | {Cell(result.Across(s => s.SeenUsersAucAttune))} |");
        if (result.Seeds.Any(s => double.IsFinite(s.JointSeconds)))
        {
            L(md, $"| reward-features | dataset's own | {Cell(result.Across(s => s.JointRank))} | {Cell(result.Across(s => s.JointSeconds))} | {Cell(result.Across(s => s.SeenUsersAucJoint))} |");
        }

        foreach (var name in Methods.EvaluationMethods.Names.Where(n => result.Seeds.Any(s => s.Methods.ContainsKey(n))))
        {
            double Of(SeedResult s, Func<MethodFacts, double> f) => s.Methods.TryGetValue(name, out var facts) ? f(facts) : double.NaN;
            var featurizer = result.Seeds.Select(s => s.Methods.GetValueOrDefault(name)?.Featurizer).First(f => f is not null)!;
            L(md, $"| {name} | `{(featurizer.Length > 60 ? featurizer[..60] + "..." : featurizer)}` | {Cell(result.Across(s => Of(s, f => f.Rank)))} | {Cell(result.Across(s => Of(s, f => f.TrainSeconds)))} | {Cell(result.Across(s => Of(s, f => f.SeenUsersAuc)))} |");
        }

        if (result.FeaturizeSeconds.Count > 0)
        {
            L(md);
            L(md, "Featurizing (whole run, every seed, cache reads included): " + string.Join("; ", result.FeaturizeSeconds.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value:F1} s"))) + ".");
        }
    }

    private static void Table(StringBuilder md, EvaluationResult result, IReadOnlyList<string> methods, IReadOnlyList<int> answers, Func<CellMetrics, double> metric)
    {
        L(md, "| method | " + string.Join(" | ", answers.Select(a => $"m = {a}")) + " |");
        L(md, "| --- |" + string.Concat(answers.Select(_ => " --- |")));
        foreach (var method in methods)
        {
            L(md, $"| {MethodOrder.Label(method)} | " + string.Join(" | ", answers.Select(a => Cell(result.Cell(method, a, metric)))) + " |");
        }
    }

    /// <summary>"mean ± sd" with 3 decimals, or "-" when nothing is finite.</summary>
    public static string Cell(Summary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F3} ± {s.Sd:F3}");
    }

    private static void L(StringBuilder md, FormattableString line) => md.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void L(StringBuilder md, string line = "") => md.Append(line).Append('\n');
}
