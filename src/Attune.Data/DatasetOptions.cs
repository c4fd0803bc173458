namespace Attune.Data;

/// <summary>
/// Settings common to every catalog dataset; null values keep the dataset's documented default (see each loader's options:
/// <see cref="Synthetic.SyntheticOptions"/>, <see cref="Styles.StylesOptions"/>, <see cref="Dsp.DspOptions"/>,
/// <see cref="Hh.HhOptions"/>). Settings a dataset has no use for are ignored (hh has fixed users and no per-user count).
/// </summary>
public sealed record DatasetOptions
{
    /// <summary>Seed of every draw. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Shared data folder for dsp and hh; null: <see cref="SharedDataLocator"/>.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Number of users (synthetic: 120, styles: 84, dsp: 100).</summary>
    public int? Users { get; init; }

    /// <summary>Comparisons per user (synthetic: 60, styles: 100, dsp: 100).</summary>
    public int? ComparisonsPerUser { get; init; }

    /// <summary>Number of prompts (synthetic: 64, styles: 100).</summary>
    public int? Prompts { get; init; }

    /// <summary>Cap on the number of comparisons (hh only; null: all).</summary>
    public int? MaxComparisons { get; init; }
}
