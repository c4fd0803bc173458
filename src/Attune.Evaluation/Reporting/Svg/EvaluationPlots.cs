using Attune.Evaluation.Results;

namespace Attune.Evaluation.Reporting.Svg;

/// <summary>The report's plots, each an SVG document: AUC against answers per method, active vs random, the singular
/// spectrum with the chosen K marked, and the map of training users coloured by cluster.</summary>
public static class EvaluationPlots
{
    /// <summary>Method keys drawn in the AUC plot.</summary>
    public static readonly IReadOnlyList<string> MainMethods =
        ["oracle", "global-bt", "per-user", "cluster", "reward-features:uncertainty", "attune:uncertainty"];

    /// <summary>Method keys drawn in the active-vs-random plot.</summary>
    public static readonly IReadOnlyList<string> QueryMethods = ["attune:uncertainty", "attune:information-gain", "attune:random"];

    /// <summary>Mean test AUC of new users against m, with a band of one standard deviation across seeds.</summary>
    public static string AucCurves(EvaluationResult result, IReadOnlyList<string> methods, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        var answers = result.Options.AnswerCounts;
        var present = methods.Where(m => result.Methods.Contains(m)).ToArray();
        var cells = present.ToDictionary(m => m, m => answers.Select(a => result.Cell(m, a, c => c.Auc)).ToArray());
        var values = cells.Values.SelectMany(s => s).Where(s => s.Count > 0).SelectMany(s => new[] { s.Mean - s.Sd, s.Mean + s.Sd }).ToArray();
        double low = values.Length == 0 ? 0.4 : Math.Floor(values.Min() * 20) / 20, high = values.Length == 0 ? 1 : Math.Min(1, Math.Ceiling(values.Max() * 20) / 20);
        var canvas = new SvgCanvas(title, "calibration answers m", "new-user test AUC", answers[0], Math.Max(answers[^1], answers[0] + 1), low, Math.Max(high, low + 0.05));
        for (int i = 0; i < present.Length; i++)
        {
            var s = cells[present[i]];
            canvas.Line(MethodOrder.Label(present[i]), SvgCanvas.Colour(i),
                answers.Select((a, j) => ((double)a, s[j].Mean)).ToArray(),
                s.Select(c => (c.Mean - c.Sd, c.Mean + c.Sd)).ToArray(),
                dashed: present[i] == "oracle");
        }

        return canvas.Render(customXTicks: answers.Select(a => ((double)a, a.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
    }

    /// <summary>The first seed's singular spectrum as bars, the chosen K (and the true K, where known) marked.</summary>
    public static string Spectrum(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seed = result.Seeds[0];
        var spectrum = seed.Spectrum;
        double top = spectrum.Count == 0 ? 1 : Math.Max(spectrum.Max(), 1e-9);
        var canvas = new SvgCanvas($"{result.Dataset}: singular spectrum of the users x pairs matrix (seed {seed.Seed})", "component k", "singular value", 0.5, Math.Max(spectrum.Count, 1) + 0.5, 0, top * 1.1);
        canvas.Bars("singular values", SvgCanvas.Colour(0), spectrum.Select((s, i) => (i + 1.0, s)).ToArray(), 0.6);
        canvas.VerticalMarker("chosen K", SvgCanvas.Colour(1), seed.AttuneRank + 0.4, $"chosen K = {seed.AttuneRank}");
        if (seed.TrueRank is int trueRank)
        {
            canvas.VerticalMarker("true K", SvgCanvas.Colour(2), trueRank + 0.45, $"true K = {trueRank}");
        }

        return canvas.Render(customXTicks: Enumerable.Range(1, Math.Max(spectrum.Count, 1)).Select(k => ((double)k, k.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
    }

    /// <summary>Training users of the first seed on the first two principal components of their weights, by cluster.</summary>
    public static string UserMap(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var map = result.Seeds[0].Users ?? new UserMap([], [], []);
        var xy = PrincipalPlane.Project(map.Weights);
        double Pad(IEnumerable<double> v, bool max) => v.Any() ? (max ? v.Max() : v.Min()) + (max ? 0.1 : -0.1) * Math.Max(1e-3, v.Max() - v.Min()) : (max ? 1 : -1);
        var xs = xy.Select(p => p.X).ToArray();
        var ys = xy.Select(p => p.Y).ToArray();
        double x0 = Pad(xs, false), x1 = Pad(xs, true), y0 = Pad(ys, false), y1 = Pad(ys, true);
        var canvas = new SvgCanvas($"{result.Dataset}: training users' weights (PC1, PC2), coloured by cluster", "PC1", "PC2", x0, Math.Max(x1, x0 + 1e-3), y0, Math.Max(y1, y0 + 1e-3));
        foreach (var cluster in map.Clusters.Distinct().Order())
        {
            var points = xy.Where((_, i) => map.Clusters[i] == cluster).ToArray();
            canvas.Points(cluster < 0 ? "unassigned" : $"cluster {cluster}", SvgCanvas.Colour(cluster < 0 ? 8 : cluster), points);
        }

        return canvas.Render();
    }
}
