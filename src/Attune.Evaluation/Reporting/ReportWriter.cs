using Attune.Evaluation.Reporting.Svg;
using Attune.Evaluation.Results;

namespace Attune.Evaluation.Reporting;

/// <summary>Writes a result into a folder: report.md, metrics.json and the four SVG plots.</summary>
public static class ReportWriter
{
    /// <summary>The files written, relative to the folder.</summary>
    public static readonly IReadOnlyList<string> Files =
        ["report.md", "metrics.json", "auc-vs-answers.svg", "active-vs-random.svg", "spectrum.svg", "users.svg"];

    /// <summary>Creates <paramref name="directory"/> if needed and writes every file; returns their full paths.</summary>
    public static IReadOnlyList<string> Write(EvaluationResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var contents = new[]
        {
            MarkdownReport.Write(result),
            MetricsJson.Write(result),
            EvaluationPlots.AucCurves(result, EvaluationPlots.MainMethods, $"{result.Dataset}: new-user test AUC against answers (± 1 sd)"),
            EvaluationPlots.AucCurves(result, EvaluationPlots.QueryMethods, $"{result.Dataset}: active vs random questions (Attune)"),
            EvaluationPlots.Spectrum(result),
            EvaluationPlots.UserMap(result),
        };
        var paths = new List<string>();
        for (int i = 0; i < Files.Count; i++)
        {
            var path = Path.Combine(directory, Files[i]);
            File.WriteAllText(path, contents[i]);
            paths.Add(path);
        }

        return paths;
    }
}
