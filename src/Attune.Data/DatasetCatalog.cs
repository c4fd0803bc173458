using Attune.Data.Dsp;
using Attune.Data.Hh;
using Attune.Data.Styles;
using Attune.Data.Synthetic;

namespace Attune.Data;

/// <summary>
/// Builds the datasets by name: <c>synthetic</c> (<see cref="SyntheticWorld"/>), <c>styles</c> (<see cref="StylesWorld"/>),
/// <c>dsp</c> (<see cref="DspDataset"/>, needs the shared data folder) and <c>hh</c> (<see cref="HhDataset"/>, likewise).
/// Every load is deterministic for <see cref="DatasetOptions.Seed"/>.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>The dataset names, in catalog order.</summary>
    public static readonly IReadOnlyList<string> Names = ["synthetic", "styles", "dsp", "hh"];

    /// <summary>Builds dataset <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones).</exception>
    /// <exception cref="DirectoryNotFoundException">dsp or hh without a shared data folder.</exception>
    public static PreferenceDataset Load(string name, DatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? new DatasetOptions();
        return name.ToLowerInvariant() switch
        {
            "synthetic" => SyntheticWorld.Generate(new SyntheticOptions(
                seed: o.Seed,
                users: o.Users ?? 120,
                prompts: o.Prompts ?? 64,
                comparisonsPerUser: o.ComparisonsPerUser ?? 60)),
            "styles" => StylesWorld.Generate(new StylesOptions(
                seed: o.Seed,
                prompts: o.Prompts ?? 100,
                comparisonsPerUser: o.ComparisonsPerUser ?? 100,
                users: o.Users)),
            "dsp" => DspDataset.Load(new DspOptions(
                seed: o.Seed,
                users: o.Users ?? 100,
                comparisonsPerUser: o.ComparisonsPerUser ?? 100,
                dataRoot: o.DataRoot)),
            "hh" => HhDataset.Load(new HhOptions(seed: o.Seed, maxComparisons: o.MaxComparisons, dataRoot: o.DataRoot)),
            _ => throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
