using System.Diagnostics;
using System.Globalization;
using Attune.Data.Demo;
using Attune.Ml.Training;
using Attune.Storage;
using Attune.Trainer.Options;
using Attune.Trainer.Training;

// The embedded stack's first model: the demo world (40 prompts x 16 answers, 48 users x 100 comparisons), featurized and
// trained through the trainer's own code (TrainingSetBuilder, TrainingLearner) for each featurizer x learner. The
// encoder's memory cache is per featurizer instance and there is no disk cache, so every configuration encodes its texts
// afresh, as a fresh `attune up` does. One thread everywhere.
var world = DemoWorld.Generate(new DemoOptions(Seed: 0, Prompts: 40, PairsPerPrompt: 12, ComparisonsPerUser: 100, UsersPerTaste: 2));
var comparisons = world.Comparisons
    .Select((c, i) => new TrainingComparison(Guid.NewGuid(), c.UserId, c.Prompt, c.ResponseA, c.ResponseB, c.Preference, DateTimeOffset.UnixEpoch.AddSeconds(i)))
    .ToList();
var rows = args.Length > 0 ? args : ["hashing/linear", "hashing/neural", "minilm/linear", "minilm/neural", "composite/linear", "composite/neural"];
Console.WriteLine($"demo world: {comparisons.Count} comparisons, {comparisons.SelectMany(c => new[] { (c.Prompt, c.ResponseA), (c.Prompt, c.ResponseB) }).Distinct().Count()} distinct responses");
Console.WriteLine("| featurizer / learner | featurize s | train s | total s | validation AUC |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var row in rows)
{
    var parts = row.Split('/');
    var options = new TrainerOptions { Featurizer = parts[0], Learner = parts[1] };
    var clock = Stopwatch.StartNew();
    var featurizer = TrainerFeaturizers.Create(options);
    var set = await TrainingSetBuilder.BuildAsync(comparisons, featurizer, options.IsNeural, CancellationToken.None);
    var featurize = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var (_, model) = TrainingLearner.Train(new PrefTrainingOptions { MaxRank = 8, Seed = 0, Featurizer = featurizer.Description }, options, set!.Data, null, CancellationToken.None);
    var train = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {row} | {featurize:F1} | {train:F1} | {featurize + train:F1} | {model.Metrics.GetValueOrDefault("validation_auc", double.NaN):F3} |"));
}
