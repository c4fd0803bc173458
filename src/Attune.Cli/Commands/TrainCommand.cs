using System.CommandLine;
using System.Globalization;
using Attune.Text;
using Attune.Data.Jsonl;
using Attune.Evaluation.Data;
using Attune.Ml.Serialization;
using Attune.Ml.Training;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary><c>attune train --data FILE.jsonl --out MODEL [--k K] [--seed S]</c>: trains PReF on a comparison file.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "Comparisons in the canonical JSONL format (gzip when .gz).", Required = true };
        var outPath = new Option<string>("--out") { Description = "Where to write the model file.", Required = true };
        var rank = new Option<int?>("--k") { Description = "Number of base reward functions K (default: chosen from the spectrum and validation)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 0 };
        var command = new Command("train", "Train a personalized reward model (PReF) from a JSONL file of comparisons.") { data, outPath, rank, seed };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(data)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"error: data file '{Path.GetFullPath(path)}' does not exist.");
                return 3;
            }

            if (parse.GetValue(rank) is < 1)
            {
                error.WriteLine($"error: --k must be >= 1; got {parse.GetValue(rank)}.");
                return 1;
            }

            try
            {
                var dataset = JsonlDataset.Load(path);
                var set = FeaturizedDataset.Build(dataset).ToComparisonSet();
                var options = new PrefTrainingOptions
                {
                    Rank = parse.GetValue(rank),
                    Seed = parse.GetValue(seed),
                    Featurizer = dataset.RecommendedFeaturizer.Description,
                };
                PrefTrainingResult? result = null;
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask("training", maxValue: 1.0);
                        result = new PrefTrainer(options).Train(set, new InlineProgress<TrainingProgress>(p =>
                        {
                            task.Description = Markup.Escape($"{p.Phase} (iteration {p.Iteration})");
                            task.Value = p.Phase == TrainingPhase.Finishing ? 1.0 : Math.Min(p.Fraction, 0.99);
                        }));
                        task.Value = 1.0;
                    });
                // Names for the base functions, from the responses trained on (stored in the model file).
                var model = Attune.Trainer.Training.BasisLabels.Label(
                    result!.Model, dataset.RecommendedFeaturizer,
                    dataset.Comparisons.SelectMany(c => new[] { new TextPair(c.Prompt, c.ResponseA), new TextPair(c.Prompt, c.ResponseB) }),
                    parse.GetValue(seed));
                using (var file = File.Create(parse.GetValue(outPath)!))
                {
                    ModelFile.Write(file, model);
                }

                output.WriteLine($"{dataset.Description}");
                output.WriteLine($"K = {model.Rank} ({result.InitializationUsed} init{(result.InitializationReason is { } r ? ": " + r : string.Empty)}); model written to {parse.GetValue(outPath)}");
                for (var j = 0; j < model.Labels.Count; j++)
                {
                    output.WriteLine($"  function {j + 1}: {model.Labels[j].Name}");
                }

                foreach (var (name, value) in model.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-22} {value:F4}"));
                }

                return 0;
            }
            catch (Exception e) when (e is ComparisonFormatException or InvalidDataException or ArgumentException)
            {
                error.WriteLine($"error: {e.Message}");
                return 4;
            }
        });
        return command;
    }
}
