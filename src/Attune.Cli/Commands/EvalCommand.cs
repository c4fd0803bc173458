using System.CommandLine;
using Attune.Evaluation;
using Attune.Evaluation.Datasets;
using Attune.Evaluation.Methods;
using Attune.Evaluation.Protocol;
using Attune.Evaluation.Reporting;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary><c>attune eval --dataset NAME [--data PATH] [--seeds N] [--out DIR] [--quick] [--init-seeds N] [--methods LIST] [--cache DIR]</c>.</summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dataset = new Option<string>("--dataset") { Description = $"Dataset: {string.Join(", ", EvaluationDatasets.Names)}.", Required = true };
        var data = new Option<string?>("--data") { Description = "The shared data folder (holds dsp/ and relabeled_hh_rlhf/); default: $ATTUNE_SHARED_DATA or shared/data above the current folder." };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds (0..N-1).", DefaultValueFactory = _ => 10 };
        var outDir = new Option<string?>("--out") { Description = "Output folder for report.md, metrics.json and the SVG plots (default eval-results/NAME)." };
        var quick = new Option<bool>("--quick") { Description = "Smaller worlds and no initialisation study, for a smoke run." };
        var initSeeds = new Option<int?>("--init-seeds") { Description = "Trainer seeds of the SVD-vs-random initialisation study (default: --seeds; 0 skips it)." };
        var firstSeed = new Option<int>("--first-seed") { Description = "First seed (seeds are FIRST..FIRST+N-1; default 0). Check a change on other seeds than the reported 0..9.", DefaultValueFactory = _ => 0 };
        var questions = new Option<NewUserQuestions>("--questions") { Description = "What new users can be asked: AnyCalibrationPair (answered by the world's ground truth; recorded labels where there is none) or Recorded.", DefaultValueFactory = _ => NewUserQuestions.AnyCalibrationPair };
        var scoring = new Option<NewUserScoring>("--scoring") { Description = "How a new user's posterior scores comparisons: PosteriorMean or Predictive.", DefaultValueFactory = _ => NewUserScoring.PosteriorMean };
        var rank = new Option<int?>("--k") { Description = "Fix Attune's K instead of choosing it from the spectrum and validation (diagnostics)." };
        var methods = new Option<string>("--methods")
        {
            Description = $"Comma-separated methods besides the ones that always run (attune, global BT, per-user, clusters, oracle): all, {string.Join(", ", EvaluationMethods.Names)}.",
            DefaultValueFactory = _ => "all",
        };
        var cache = new Option<string?>("--cache") { Description = "Folder of the encoder's disk cache (default: $ATTUNE_CACHE, else eval-results/cache)." };
        var maxComparisons = new Option<int?>("--max-comparisons") { Description = "hh only: the first N comparisons after the seeded shuffle (a smaller deployment)." };
        var prompt = new Option<Attune.Text.Encoders.MiniLmPromptMode>("--minilm-prompt") { Description = "How the prompt enters the MiniLM featurizer: None (the response alone) or Product (also enc(x) * enc(y)).", DefaultValueFactory = _ => Attune.Text.Encoders.MiniLmPromptMode.None };
        var scales = new Option<string>("--composite-scales") { Description = "Scales of the composite's MiniLM and hashing blocks, e.g. 1,1.", DefaultValueFactory = _ => "1,1" };
        var command = new Command("eval", "Run the PReF evaluation protocol on a dataset and write a report.") { dataset, data, seeds, outDir, quick, initSeeds, rank, firstSeed, questions, scoring, methods, cache, maxComparisons, prompt, scales };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(dataset)!;
            if (!EvaluationDatasets.Names.Contains(name))
            {
                error.WriteLine($"error: {new UnknownDatasetException(name, EvaluationDatasets.Names).Message}");
                return 2;
            }

            var seedCount = parse.GetValue(seeds);
            if (seedCount < 1)
            {
                error.WriteLine($"error: --seeds must be >= 1; got {seedCount}.");
                return 1;
            }

            if (parse.GetValue(rank) is < 1)
            {
                error.WriteLine($"error: --k must be >= 1; got {parse.GetValue(rank)}.");
                return 1;
            }

            IReadOnlySet<string> selected;
            try
            {
                selected = EvaluationMethods.Parse(parse.GetValue(methods)!);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: --methods: {e.Message}");
                return 2;
            }

            if (parse.GetValue(maxComparisons) is < 1)
            {
                error.WriteLine($"error: --max-comparisons must be >= 1; got {parse.GetValue(maxComparisons)}.");
                return 1;
            }

            var compositeScales = parse.GetValue(scales)!.Split(',').Select(t => double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (compositeScales.Length != 2 || compositeScales.Any(v => !(v > 0 && double.IsFinite(v))))
            {
                error.WriteLine($"error: --composite-scales must be two numbers > 0 (MiniLM, hashing); got '{parse.GetValue(scales)}'.");
                return 1;
            }

            var isQuick = parse.GetValue(quick);
            var options = new EvaluationRunOptions
            {
                Seeds = seedCount,
                FirstSeed = parse.GetValue(firstSeed),
                DataRoot = parse.GetValue(data),
                Quick = isQuick,
                MaxComparisons = parse.GetValue(maxComparisons),
                CacheDirectory = CacheFolder(parse.GetValue(cache)),
                MiniLmPrompt = parse.GetValue(prompt),
                CompositeScales = compositeScales,
                Protocol = new ProtocolOptions
                {
                    Methods = selected,
                    InitStudySeeds = parse.GetValue(initSeeds) ?? (isQuick ? 0 : seedCount),
                    Questions = parse.GetValue(questions),
                    Scoring = parse.GetValue(scoring),
                    Trainer = new Attune.Ml.Training.PrefTrainingOptions { Rank = parse.GetValue(rank) },
                },
            };
            var directory = parse.GetValue(outDir) ?? Path.Combine("eval-results", name);
            try
            {
                var result = AnsiConsole.Profile.Capabilities.Interactive ? RunWithProgress(name, options) : RunWithLog(name, options, output);
                var files = ReportWriter.Write(result, directory);
                output.WriteLine($"{name}: {result.Seeds.Count} seeds in {result.TotalSeconds:F0} s; wrote {string.Join(", ", files)}");
                foreach (var check in TargetChecks.For(result))
                {
                    output.WriteLine($"  target: {check.Name}: {(check.Met is bool b ? (b ? "met" : "NOT met") : "n/a")} ({check.Detail})");
                }

                return 0;
            }
            catch (DatasetUnavailableException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 3;
            }
        });
        return command;
    }

    /// <summary>--cache, else $ATTUNE_CACHE, else eval-results/cache (ignored by git, beside every default output).</summary>
    private static string CacheFolder(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("ATTUNE_CACHE") is { Length: > 0 } env ? env : Path.Combine("eval-results", "cache"));

    /// <summary>Without a terminal (redirected output) a redrawn bar would repeat every refresh: log each new stage once.</summary>
    private static Attune.Evaluation.Results.EvaluationResult RunWithLog(string name, EvaluationRunOptions options, TextWriter output)
    {
        string? last = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return EvaluationRunner.Run(name, options, new InlineProgress<EvaluationProgress>(p =>
        {
            var stage = p.Stage.StartsWith("seed", StringComparison.Ordinal) && p.Stage.Contains("new users", StringComparison.Ordinal)
                ? p.Stage[..p.Stage.IndexOf("new users", StringComparison.Ordinal)] + "new users"
                : p.Stage;
            if (stage != last)
            {
                last = stage;
                output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,7:F1} s] {p.Fraction,4:P0} {name}: {stage}"));
            }
        }));
    }

    private static Attune.Evaluation.Results.EvaluationResult RunWithProgress(string name, EvaluationRunOptions options)
    {
        Attune.Evaluation.Results.EvaluationResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"eval {name}", maxValue: 1.0);
                var progress = new InlineProgress<EvaluationProgress>(p =>
                {
                    task.Description = Markup.Escape($"{name}: {p.Stage}");
                    task.Value = p.Fraction;
                });
                result = EvaluationRunner.Run(name, options, progress);
                task.Value = 1.0;
            });
        return result!;
    }
}
