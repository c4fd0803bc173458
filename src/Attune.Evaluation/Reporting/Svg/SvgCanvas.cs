using System.Globalization;
using System.Security;
using System.Text;

namespace Attune.Evaluation.Reporting.Svg;

/// <summary>
/// A hand-written SVG chart canvas: a plot area with linear x and y axes (ticks, grid, labels), and series drawn as
/// polylines, shaded bands, points and bars. Every series is a &lt;g class="series" data-series="NAME"&gt; group so a
/// reader (or a test) can find it. Text is XML-escaped; numbers use the invariant culture.
/// </summary>
public sealed class SvgCanvas
{
    private const double Width = 800, Height = 440, Left = 70, Right = 300, Top = 40, Bottom = 60;
    private readonly StringBuilder _body = new();
    private readonly List<(string Name, string Colour)> _legend = [];
    private readonly string _title;
    private readonly string _xLabel;
    private readonly string _yLabel;
    private readonly (double Min, double Max) _x;
    private readonly (double Min, double Max) _y;

    /// <summary>A canvas with axis ranges [xMin, xMax] and [yMin, yMax] (each range must have max &gt; min).</summary>
    public SvgCanvas(string title, string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax)
    {
        if (!(xMax > xMin) || !(yMax > yMin))
        {
            throw new ArgumentException($"empty axis range: x [{xMin}, {xMax}], y [{yMin}, {yMax}].");
        }

        (_title, _xLabel, _yLabel, _x, _y) = (title, xLabel, yLabel, (xMin, xMax), (yMin, yMax));
    }

    /// <summary>A qualitative palette (colour-blind friendly), cycled.</summary>
    public static string Colour(int index) =>
        new[] { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#999999", "#882255" }[index % 10];

    /// <summary>A line through the points, with optional sd band (lower, upper per point) and point markers.</summary>
    public void Line(string name, string colour, IReadOnlyList<(double X, double Y)> points, IReadOnlyList<(double Low, double High)>? band = null, bool dashed = false)
    {
        var finite = points.Select((p, i) => (p, i)).Where(t => double.IsFinite(t.p.Y)).ToList();
        Open(name, colour);
        if (band is not null && finite.Count > 1)
        {
            var upper = finite.Select(t => Point(t.p.X, band[t.i].High));
            var lower = finite.AsEnumerable().Reverse().Select(t => Point(t.p.X, band[t.i].Low));
            _body.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band\" points=\"{string.Join(' ', upper.Concat(lower))}\" fill=\"{colour}\" fill-opacity=\"0.15\" stroke=\"none\"/>");
        }

        _body.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" points=\"{string.Join(' ', finite.Select(t => Point(t.p.X, t.p.Y)))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"6 4\"" : string.Empty)}/>");
        foreach (var (p, _) in finite)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Sx(p.X):F1}\" cy=\"{Sy(p.Y):F1}\" r=\"3\" fill=\"{colour}\"/>");
        }

        Close();
    }

    /// <summary>Bars of the given width (in x units) from y = yMin up to each value.</summary>
    public void Bars(string name, string colour, IReadOnlyList<(double X, double Y)> bars, double width)
    {
        Open(name, colour);
        foreach (var (x, y) in bars.Where(b => double.IsFinite(b.Y)))
        {
            double x0 = Sx(x - width / 2), x1 = Sx(x + width / 2), y0 = Sy(Math.Max(y, _y.Min)), base0 = Sy(_y.Min);
            _body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0:F1}\" y=\"{y0:F1}\" width=\"{x1 - x0:F1}\" height=\"{base0 - y0:F1}\" fill=\"{colour}\"/>");
        }

        Close();
    }

    /// <summary>Scatter points.</summary>
    public void Points(string name, string colour, IReadOnlyList<(double X, double Y)> points)
    {
        Open(name, colour);
        foreach (var (x, y) in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
        {
            _body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Sx(x):F1}\" cy=\"{Sy(y):F1}\" r=\"4\" fill=\"{colour}\" fill-opacity=\"0.8\"/>");
        }

        Close();
    }

    /// <summary>A vertical marker line at x with a label.</summary>
    public void VerticalMarker(string name, string colour, double x, string label)
    {
        Open(name, colour);
        _body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Sx(x):F1}\" y1=\"{Top}\" x2=\"{Sx(x):F1}\" y2=\"{Height - Bottom}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
        _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{Sx(x) + 4:F1}\" y=\"{Top + 14}\" font-size=\"12\" fill=\"{colour}\">{Escape(label)}</text>");
        Close();
    }

    /// <summary>The finished SVG document.</summary>
    public string Render(int xTicks = 6, int yTicks = 5, IReadOnlyList<(double Value, string Label)>? customXTicks = null)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(_title)}</title><rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(_title)}</text><g class=\"axes\">");
        var ticksX = customXTicks ?? Enumerable.Range(0, xTicks + 1).Select(i => _x.Min + (_x.Max - _x.Min) * i / xTicks).Select(v => (v, Format(v))).ToArray();
        foreach (var (v, label) in ticksX)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Sx(v):F1}\" y1=\"{Top}\" x2=\"{Sx(v):F1}\" y2=\"{Height - Bottom}\" stroke=\"#eeeeee\"/><text x=\"{Sx(v):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\">{Escape(label)}</text>");
        }

        for (int i = 0; i <= yTicks; i++)
        {
            double v = _y.Min + (_y.Max - _y.Min) * i / yTicks;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Sy(v):F1}\" x2=\"{Width - Right}\" y2=\"{Sy(v):F1}\" stroke=\"#eeeeee\"/><text x=\"{Left - 6}\" y=\"{Sy(v) + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{Format(v)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\" font-size=\"13\">{Escape(_xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">{Escape(_yLabel)}</text></g>");
        svg.Append(_body);
        svg.Append("<g class=\"legend\">");
        for (int i = 0; i < _legend.Count; i++)
        {
            double y = Top + 10 + i * 20;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 12}\" y=\"{y - 9}\" width=\"14\" height=\"10\" fill=\"{_legend[i].Colour}\"/><text x=\"{Width - Right + 32}\" y=\"{y}\" font-size=\"11\">{Escape(_legend[i].Name)}</text>");
        }

        svg.Append("</g></svg>\n");
        return svg.ToString();
    }

    /// <summary>XML-escapes text.</summary>
    public static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    private static string Format(double v) => Math.Abs(v) >= 100 || v == Math.Round(v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private void Open(string name, string colour)
    {
        _legend.Add((name, colour));
        _body.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-series=\"{Escape(name)}\">");
    }

    private void Close() => _body.Append("</g>");

    private string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{Sx(x):F1},{Sy(y):F1}");

    private double Sx(double x) => Left + (x - _x.Min) / (_x.Max - _x.Min) * (Width - Left - Right);

    private double Sy(double y) => Height - Bottom - (Math.Clamp(y, _y.Min, _y.Max) - _y.Min) / (_y.Max - _y.Min) * (Height - Top - Bottom);
}
