using Attune.Data;
using Attune.Data.Dsp;
using Attune.Data.Hh;
using Attune.Data.Styles;
using Attune.Data.Synthetic;

namespace Attune.Evaluation.Datasets;

/// <summary>
/// The datasets the protocol runs on and the settings it loads them with. New users must be able to answer up to 40
/// calibration questions from their own recorded labels, so the simulated worlds give each user more comparisons than the
/// loaders' defaults (synthetic 200 of 960 pairs, styles 250 of 2,000, dsp 250 of ~4,600); those are protocol settings, never tuned on results.
/// The dataset seed is the protocol seed, so each seed draws a fresh world (synthetic, dsp users) or order (hh).
/// </summary>
public static class EvaluationDatasets
{
    /// <summary>Every dataset name, in report order.</summary>
    public static readonly IReadOnlyList<string> Names = ["synthetic", "styles", "dsp", "hh"];

    /// <summary>Loads <paramref name="name"/> for <paramref name="seed"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="seed">Seed of the world or order.</param>
    /// <param name="dataRoot">The shared data folder (dsp, hh); null: located by <see cref="SharedDataLocator"/>.</param>
    /// <param name="quick">Smaller worlds for smoke runs.</param>
    /// <exception cref="UnknownDatasetException">The name is not known.</exception>
    /// <exception cref="DatasetUnavailableException">The shared data is missing, or the loader is not available yet.</exception>
    /// <param name="maxComparisons">hh only: the first N comparisons after the seeded shuffle (quick: 1000); null: all.</param>
    public static PreferenceDataset Load(string name, int seed, string? dataRoot = null, bool quick = false, int? maxComparisons = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return name switch
            {
                "synthetic" => SyntheticWorld.Generate(Synthetic(seed, quick)),
                "dsp" => DspDataset.Load(new DspOptions(seed: seed, users: quick ? 40 : 100, comparisonsPerUser: 250, dataRoot: dataRoot)),
                "hh" => HhDataset.Load(new HhOptions(seed: seed, maxComparisons: maxComparisons ?? (quick ? 1000 : null), dataRoot: dataRoot)),
                "styles" => StylesWorld.Generate(new StylesOptions(seed: seed, prompts: quick ? 40 : 100, comparisonsPerUser: quick ? 150 : 250)),
                _ => throw new UnknownDatasetException(name, Names),
            };
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            var looked = dataRoot ?? $"${SharedDataLocator.EnvironmentVariable}, else shared/data above '{Directory.GetCurrentDirectory()}'";
            throw new DatasetUnavailableException(
                $"dataset '{name}' needs the shared data folder (looked in {looked}): {e.Message} Pass --data PATH or set {SharedDataLocator.EnvironmentVariable}.", e);
        }
    }

    /// <summary>The loader settings used for <paramref name="name"/>, for the report.</summary>
    public static string Describe(string name, bool quick, int? maxComparisons = null) => name switch
    {
        "synthetic" => quick
            ? "SyntheticOptions(users 60, prompts 64 x 6 responses, D 32, K_true 4, 150 comparisons per user, reward scale 2)"
            : "SyntheticOptions(users 120, prompts 64 x 6 responses, D 32, K_true 4, 200 comparisons per user, reward scale 2)",
        "dsp" => $"DspOptions(users {(quick ? 40 : 100)}, Dirichlet 0.3, reward scale 4, 250 comparisons per user, temperature 1), hashing featurizer",
        "styles" => $"StylesOptions({(quick ? 40 : 100)} prompts x 16 responses, 20 pairs per prompt, all 84 users, {(quick ? 150 : 250)} comparisons per user, temperature 0.5), hashing featurizer",
        "hh" => $"HhOptions({(maxComparisons is int n ? $"first {n} rows after the seeded shuffle" : quick ? "first 1000 rows after the seeded shuffle" : "all rows")}), hashing featurizer",
        _ => name,
    };

    private static SyntheticOptions Synthetic(int seed, bool quick) =>
        new(seed: seed, users: quick ? 60 : 120, comparisonsPerUser: quick ? 150 : 200);
}
