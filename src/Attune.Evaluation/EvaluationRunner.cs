using System.Diagnostics;
using Attune.Data;
using Attune.Evaluation.Data;
using Attune.Evaluation.Datasets;
using Attune.Evaluation.Methods;
using Attune.Evaluation.Protocol;
using Attune.Evaluation.Results;
using Attune.Ml.Training;
using Attune.Text;

namespace Attune.Evaluation;

/// <summary>
/// Runs the protocol on one dataset for seeds FirstSeed..FirstSeed+N-1 (each seed: load the world, featurize, split, train every method,
/// score the new users), then the initialisation study when asked, and returns every number.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>Evaluates the catalog dataset <paramref name="dataset"/>.</summary>
    /// <exception cref="UnknownDatasetException">Unknown name.</exception>
    /// <exception cref="DatasetUnavailableException">Missing shared data.</exception>
    public static EvaluationResult Run(
        string dataset, EvaluationRunOptions options, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!EvaluationDatasets.Names.Contains(dataset))
        {
            throw new UnknownDatasetException(dataset, EvaluationDatasets.Names);
        }

        return Run(seed => EvaluationDatasets.Load(dataset, seed, options.DataRoot, options.Quick, options.MaxComparisons), dataset,
            EvaluationDatasets.Describe(dataset, options.Quick, options.MaxComparisons), options, progress, cancellationToken);
    }

    /// <summary>Evaluates any dataset source (one dataset per seed), e.g. a small world in tests.</summary>
    public static EvaluationResult Run(
        Func<int, PreferenceDataset> load, string name, string loaderSettings, EvaluationRunOptions options,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var views = new FeatureViewSource(options.CacheDirectory, options.MiniLmPrompt, options.CompositeScales);
        var selected = EvaluationMethods.Selected(options.Protocol.Methods);
        var cache = new Dictionary<(string, string), SparseVector>();
        string? cachedFeaturizer = null;
        var seeds = new List<SeedResult>();
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        string description = string.Empty;
        bool simulated = false;
        EvaluationWorld? first = null;
        int steps = options.Seeds + (options.Protocol.InitStudySeeds > 0 ? 1 : 0);
        for (int s = 0; s < options.Seeds; s++)
        {
            int seed = options.FirstSeed + s;
            void Report(string stage, double fraction) =>
                progress?.Report(new EvaluationProgress($"seed {s + 1}/{options.Seeds}: {stage}", (s + fraction) / steps));

            Report("loading and featurizing", 0);
            var data = load(seed);
            if (cachedFeaturizer != data.RecommendedFeaturizer.Description)
            {
                cache.Clear();
                cachedFeaturizer = data.RecommendedFeaturizer.Description;
            }

            var featurized = FeaturizedDataset.Build(data, cache: cache);
            var world = EvaluationWorld.Build(featurized, options.Protocol, seed);
            first ??= world;
            description = s == 0 ? data.Description : description;
            simulated = world.SimulatedNewUsers;
            if (featurized.DroppedZeroPairs > 0)
            {
                notes.Add($"Comparisons whose two responses featurize identically (d = 0) are dropped: {featurized.DroppedZeroPairs} in seed {seed}.");
            }

            var runnable = selected.Where(m => !m.NeedsText || data.RecommendedFeaturizer is not PrecomputedFeaturizer).ToArray();
            if (runnable.Length < selected.Count)
            {
                notes.Add($"Not run on this dataset (its texts are ids, its features precomputed): {string.Join(", ", selected.Except(runnable).Select(m => m.Name))}.");
            }

            var seedViews = new Dictionary<EvaluationFeaturizer, ResponseFeatureView>();
            foreach (var kind in runnable.Where(m => m.Name != EvaluationMethods.Attune).Select(m => m.Featurizer).Distinct())
            {
                Report($"featurizing ({SeedEvaluator.FeaturizerKey(kind)})", 0.02);
                seedViews[kind] = views.Build(featurized, kind, cancellationToken);
            }

            var result = SeedEvaluator.Run(world, seedViews, runnable, options.Protocol, seed, keepUserMap: s == 0, Report, cancellationToken);
            if (result.InitializationReason is { } reason)
            {
                notes.Add($"Trainer fallback ({result.AttuneInitialization} init): {reason}");
            }

            seeds.Add(result);
        }

        if (simulated)
        {
            notes.Add($"Only {first!.TrainUsers.Length} users: all of them train (on train prompts), and new users are simulated, " +
                $"{options.Protocol.SimulatedUsersPerType} per user, each a seeded draw of {options.Protocol.SimulatedPoolSize} of that user's " +
                $"calibration-prompt comparisons (the questions) and {options.Protocol.SimulatedTestSize} of its test-prompt comparisons.");
        }

        var initStudy = new List<InitStudyRow>();
        for (int t = 0; t < options.Protocol.InitStudySeeds; t++)
        {
            progress?.Report(new EvaluationProgress($"initialisation study {t + 1}/{options.Protocol.InitStudySeeds}", (options.Seeds + (double)t / options.Protocol.InitStudySeeds) / steps));
            var svd = new PrefTrainer(TrainerOptionsCopy.With(options.Protocol.Trainer, PrefMethod.Alternating, t)).Train(first!.Train, null, cancellationToken).Model;
            var random = new PrefTrainer(TrainerOptionsCopy.With(options.Protocol.Trainer, PrefMethod.JointGradient, t, svd.Rank)).Train(first.Train, null, cancellationToken).Model;
            initStudy.Add(new InitStudyRow(t, SeedEvaluator.SeenAuc(first, svd), SeedEvaluator.SeenAuc(first, random), svd.Rank, random.Rank));
        }

        progress?.Report(new EvaluationProgress("done", 1));
        return new EvaluationResult
        {
            Dataset = name,
            Description = description,
            LoaderSettings = loaderSettings,
            Options = options.Protocol,
            Quick = options.Quick,
            Seeds = seeds,
            InitStudy = initStudy,
            SimulatedNewUsers = simulated,
            Notes = notes.ToArray(),
            Hardware = HardwareDescription.Current(),
            TotalSeconds = clock.Elapsed.TotalSeconds,
            FeaturizeSeconds = views.Seconds.ToDictionary(v => SeedEvaluator.FeaturizerKey(v.Key), v => v.Value),
        };
    }
}
