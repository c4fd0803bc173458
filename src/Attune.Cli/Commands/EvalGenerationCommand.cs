using System.CommandLine;
using Attune.Evaluation.Generation;

namespace Attune.Cli.Commands;

/// <summary>
/// <c>attune eval-generation [--seeds N] [--first-seed S] [--n 8] [--answers 10] [--quick] [--out FILE]</c>: the generator's
/// best-of-n target on the styles world (<see cref="GenerationEvaluation"/>).
/// </summary>
internal static class EvalGenerationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds.", DefaultValueFactory = _ => 5 };
        var firstSeed = new Option<int>("--first-seed") { Description = "First seed.", DefaultValueFactory = _ => 0 };
        var n = new Option<int>("--n") { Description = "Candidates per generation (2-16).", DefaultValueFactory = _ => 8 };
        var answers = new Option<int>("--answers") { Description = "Active calibration answers per new user.", DefaultValueFactory = _ => 10 };
        var quick = new Option<bool>("--quick") { Description = "The smaller styles world of eval --quick." };
        var outPath = new Option<string?>("--out") { Description = "Also write the Markdown table to this file." };
        var command = new Command("eval-generation", "Best-of-n with each new user's fitted reward vs the population pick on the styles world.")
        {
            seeds, firstSeed, n, answers, quick, outPath,
        };
        command.SetAction(parse =>
        {
            GenerationEvaluationOptions options;
            try
            {
                options = new GenerationEvaluationOptions
                {
                    Seeds = parse.GetValue(seeds), FirstSeed = parse.GetValue(firstSeed), Candidates = parse.GetValue(n),
                    Answers = parse.GetValue(answers), Quick = parse.GetValue(quick),
                };
            }
            catch (ArgumentOutOfRangeException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var results = GenerationEvaluation.Run(options, new InlineProgress<string>(line => output.WriteLine($"[{clock.Elapsed.TotalSeconds,7:F1} s] {line}")));
            var report = GenerationReport.Markdown(results, options);
            output.WriteLine(report);
            if (parse.GetValue(outPath) is { } path)
            {
                File.WriteAllText(path, report);
            }

            return 0;
        });
        return command;
    }
}
