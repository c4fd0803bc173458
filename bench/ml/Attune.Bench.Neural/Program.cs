using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Attune.Bench.Neural;
using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Ml.Torch.Training;
using Attune.Ml.Training;

// Usage: Attune.Bench.Neural prepare DIR | run DIR EPOCHS OUT.json
// prepare: the seeded world (100k comparisons), its linear PReF start (PrefTrainer, K = 4) and the raw files for Python.
// run: NeuralPrefTrainer for EPOCHS epochs from that start (no early stop), timed; writes seconds and losses as JSON.
const int Seed = 7, Users = 1000, Dimension = 384, Responses = 40_000, Pairs = 50_000, Comparisons = 100_000, Rank = 4;
var settings = new NeuralTrainingOptions
{
    Seed = Seed, Hidden = 64, BatchSize = 256, LearningRate = 1e-3, Patience = int.MaxValue, Device = TorchDevicePreference.Cpu, Threads = 1,
};
string mode = args[0], folder = args[1];
ComparisonSet data = BenchWorld.Create(Users, Dimension, Responses, Pairs, Comparisons, Seed);
if (mode == "prepare")
{
    Directory.CreateDirectory(folder);
    var clock = Stopwatch.StartNew();
    PrefModel linear = new PrefTrainer(new PrefTrainingOptions { Seed = Seed, Rank = Rank, ComputeClusters = false, MaxOuterIterations = 5 }).Train(data).Model;
    double linearSeconds = clock.Elapsed.TotalSeconds;
    using (var stream = File.Create(Path.Combine(folder, "linear.model")))
    {
        ModelFile.Write(stream, linear);
    }

    BenchWorld.Write(folder, data);
    BenchWorld.WriteRaw(Path.Combine(folder, "v.f32"), linear.V.ToArray());
    BenchWorld.WriteRaw(Path.Combine(folder, "w.f32"), linear.UserWeights.ToArray());
    (int[] _, int[]? validation) = ComparisonSplit.Indices(data.Count, settings.ValidationFraction, Seed);
    BenchWorld.WriteRaw(Path.Combine(folder, "validation.i32"), validation!);
    var meta = new Dictionary<string, object>
    {
        ["users"] = Users, ["dimension"] = Dimension, ["responses"] = Responses, ["comparisons"] = Comparisons, ["rank"] = Rank,
        ["hidden"] = settings.Hidden, ["batch_size"] = settings.BatchSize, ["learning_rate"] = settings.LearningRate,
        ["lambda_w"] = settings.LambdaW, ["lambda_theta"] = settings.LambdaTheta, ["h_scale"] = settings.HScale, ["seed"] = Seed,
        ["linear_train_s"] = linearSeconds,
    };
    File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(meta));
    Console.WriteLine($"prepared {folder}: linear PReF start in {linearSeconds:F1} s");
    return;
}

int epochs = int.Parse(args[2], CultureInfo.InvariantCulture);
PrefModel start;
using (var stream = File.OpenRead(Path.Combine(folder, "linear.model")))
{
    start = ModelFile.Read(stream);
}

var perEpoch = new List<double>();
var watch = Stopwatch.StartNew();
double last = 0;
var progress = new SynchronousProgress(p =>
{
    perEpoch.Add(watch.Elapsed.TotalSeconds - last);
    last = watch.Elapsed.TotalSeconds;
});
watch.Restart();
NeuralTrainingResult result = new NeuralPrefTrainer(new NeuralTrainingOptions
{
    Seed = settings.Seed, Hidden = settings.Hidden, BatchSize = settings.BatchSize, LearningRate = settings.LearningRate,
    Patience = settings.Patience, Device = settings.Device, Threads = settings.Threads, MaxEpochs = epochs,
}).Train(data, start, progress);
double total = watch.Elapsed.TotalSeconds;
var report = new Dictionary<string, object>
{
    ["side"] = "attune-torchsharp", ["epochs"] = result.Epochs, ["total_s"] = total, ["epoch_s"] = perEpoch,
    ["initial_validation_loss"] = result.InitialValidationLoss, ["final_validation_loss"] = result.ValidationLoss,
    ["device"] = result.Device,
};
File.WriteAllText(args[3], JsonSerializer.Serialize(report));
Console.WriteLine(JsonSerializer.Serialize(report));
