using Attune.Evaluation.Protocol;

namespace Attune.Evaluation.Results;

/// <summary>A finished evaluation of one dataset: the settings, every seed's measurements, and summaries across seeds.</summary>
public sealed record EvaluationResult
{
    /// <summary>Dataset name.</summary>
    public required string Dataset { get; init; }

    /// <summary>The dataset's own description (first seed).</summary>
    public required string Description { get; init; }

    /// <summary>The loader settings.</summary>
    public required string LoaderSettings { get; init; }

    /// <summary>The protocol settings.</summary>
    public required ProtocolOptions Options { get; init; }

    /// <summary>Whether the smaller smoke-test settings were used.</summary>
    public required bool Quick { get; init; }

    /// <summary>Per-seed measurements, in seed order.</summary>
    public required IReadOnlyList<SeedResult> Seeds { get; init; }

    /// <summary>The initialisation study (empty when skipped).</summary>
    public required IReadOnlyList<InitStudyRow> InitStudy { get; init; }

    /// <summary>Whether new users were simulated by resampling (too few users to hold any out).</summary>
    public required bool SimulatedNewUsers { get; init; }

    /// <summary>Things a reader must know (fallbacks taken, dropped comparisons).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Processor, cores, OS and runtime of the run.</summary>
    public required string Hardware { get; init; }

    /// <summary>Wall-clock seconds of the whole run.</summary>
    public required double TotalSeconds { get; init; }

    /// <summary>Seconds spent featurizing per extra featurizer over the whole run ("minilm", "composite", "dataset"), encoding included.</summary>
    public IReadOnlyDictionary<string, double> FeaturizeSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>Method keys present, in a fixed order.</summary>
    public IReadOnlyList<string> Methods => Seeds.SelectMany(s => s.Curves.Keys).Distinct().OrderBy(MethodOrder.Rank).ToArray();

    /// <summary>A metric of (method, m) across seeds.</summary>
    public Summary Cell(string method, int answers, Func<CellMetrics, double> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Summary.Of(Seeds.Select(s =>
            s.Curves.TryGetValue(method, out var byM) && byM.TryGetValue(answers, out var cell) ? metric(cell) : double.NaN));
    }

    /// <summary>Any per-seed number across seeds.</summary>
    public Summary Across(Func<SeedResult, double> value) => Summary.Of(Seeds.Select(value));
}
