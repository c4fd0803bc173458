using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Attune.Bench.Ml;

// Usage: Attune.Bench.Ml DATA_DIR --out FILE.json [--reps N] [--sections train,newuser,select,score]
// Attune.Ml runs on the calling thread only, so every row below is single-threaded.
if (args.Length < 3 || args[1] != "--out")
{
    Console.Error.WriteLine("usage: Attune.Bench.Ml DATA_DIR --out FILE.json [--reps N] [--sections train,newuser,select,score]");
    return 2;
}

string dataDirectory = args[0];
string outPath = args[2];
int repetitions = 15;
string[] sections = ["train", "newuser", "select", "score"];
for (int i = 3; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--reps": repetitions = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--sections": sections = args[i + 1].Split(','); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var data = new BenchDataset(dataDirectory);
var output = new Dictionary<string, object>
{
    ["environment"] = new Dictionary<string, object>
    {
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["processor_count"] = Environment.ProcessorCount,
        ["threads"] = 1,
        ["vector256"] = Vector256.IsHardwareAccelerated,
        ["vector512"] = Vector512.IsHardwareAccelerated,
        ["server_gc"] = GCSettings.IsServerGC,
    },
};
foreach (string section in sections)
{
    Console.Error.WriteLine($"attune: {section}");
    output[section] = section switch
    {
        "train" => new Dictionary<string, object>
        {
            ["dense"] = TrainingBenchmark.Run(data, "dense", Math.Min(repetitions, 9)),
            ["sparse"] = TrainingBenchmark.Run(data, "sparse", Math.Min(repetitions, 9)),
        },
        "newuser" => NewUserBenchmark.Run(data, repetitions),
        "select" => SelectionBenchmark.Run(data, repetitions),
        "score" => ScoringBenchmark.Run(data, repetitions),
        _ => throw new ArgumentException($"unknown section {section}"),
    };
}

var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
File.WriteAllText(outPath, JsonSerializer.Serialize(output, options));
return 0;
