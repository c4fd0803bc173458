using System.Text.Json;
using System.Xml.Linq;
using Attune.Evaluation.Reporting;
using Attune.Evaluation.Reporting.Svg;

namespace Attune.Evaluation.Tests;

public sealed class ReportTests(TinyWorld world) : IClassFixture<TinyWorld>
{
    [Fact]
    public void Write_tinyRun_writesWellFormedSvgWithTheExpectedSeries()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"attune-eval-test-{Guid.NewGuid():N}");
        try
        {
            ReportWriter.Write(world.Result, directory);

            Assert.Equal(ReportWriter.Files.Order(), Directory.GetFiles(directory).Select(Path.GetFileName).Order());
            var auc = Series(Path.Combine(directory, "auc-vs-answers.svg"));
            Assert.Contains("Attune (active: uncertainty)", auc);
            Assert.Contains("global Bradley-Terry", auc);
            Assert.Contains("oracle (true reward)", auc);
            var active = Series(Path.Combine(directory, "active-vs-random.svg"));
            Assert.Contains("Attune (random answers)", active);
            Assert.Contains("chosen K", Series(Path.Combine(directory, "spectrum.svg")));
            Assert.Contains(Series(Path.Combine(directory, "users.svg")), s => s.StartsWith("cluster ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Render_textWithMarkup_isEscaped()
    {
        var canvas = new SvgCanvas("a < b & \"c\"", "x", "y", 0, 1, 0, 1);
        canvas.Line("<series>", "#000000", [(0, 0), (1, 1)], [(0, 0.1), (0.9, 1)]);

        var document = XDocument.Parse(canvas.Render());

        Assert.Equal("a < b & \"c\"", document.Root!.Elements().First(e => e.Name.LocalName == "title").Value);
        Assert.Single(document.Descendants(), e => (string?)e.Attribute("data-series") == "<series>");
    }

    [Fact]
    public void MetricsJson_tinyRun_parsesAndHoldsEverySeed()
    {
        using var json = JsonDocument.Parse(MetricsJson.Write(world.Result));

        Assert.Equal(world.Result.Seeds.Count, json.RootElement.GetProperty("seeds").GetArrayLength());
        var auc = json.RootElement.GetProperty("summary").GetProperty("attune:uncertainty").GetProperty("10").GetProperty("auc");
        Assert.Equal(world.Result.Cell("attune:uncertainty", 10, c => c.Auc).Mean, auc.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(4, json.RootElement.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public void MarkdownReport_tinyRun_tabulatesEveryMethod()
    {
        var report = MarkdownReport.Write(world.Result);

        Assert.Contains("| global Bradley-Terry |", report, StringComparison.Ordinal);
        Assert.Contains("| Attune (active: uncertainty) |", report, StringComparison.Ordinal);
        Assert.Contains("## Initialisation study", report, StringComparison.Ordinal);
    }

    private static List<string> Series(string path) =>
        XDocument.Load(path).Descendants().Select(e => (string?)e.Attribute("data-series")).OfType<string>().ToList();
}
