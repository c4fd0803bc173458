using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Attune.Bench.Ml;
using Attune.Ml.Models;
using Attune.Ml.Users;
using Attune.Text;
using Attune.Text.Encoders;

// Usage: Attune.Bench.Encoder --out FILE.json [--reps N] [--rounds N] [--k K]
// "Score of 8 new responses": r_i = w_u . V e(x, y_i) for 8 responses never seen before, one ONNX Runtime thread on both
// sides. Attune: MiniLmFeaturizer (memory cache off, so every call encodes) + PrefModel.RewardFeatures; peer:
// DirectOnnxScorer. Rounds alternate the two so that load from other work hits both alike.
string? outPath = null;
int repetitions = 15, rounds = 3, k = 8;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    int Value() => int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--out": outPath = args[i + 1]; break;
        case "--reps": repetitions = Value(); break;
        case "--rounds": rounds = Value(); break;
        case "--k": k = Value(); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (outPath is null)
{
    Console.Error.WriteLine("usage: Attune.Bench.Encoder --out FILE.json [--reps N] [--rounds N] [--k K]");
    return 2;
}

const string Prompt = "How should I prepare for a job interview next week?";
string[] responses =
[
    "Research the company, reread the job description and prepare two or three stories that show how you solved real problems.",
    "Honestly? Just be yourself. Sleep well the night before, eat something, and arrive ten minutes early.",
    "1. Study the company. 2. Practise common questions aloud. 3. Prepare questions for them. 4. Plan your route and outfit.",
    "I would suggest a mock interview with a friend; hearing yourself answer out loud makes a surprising difference to how calm you feel on the day.",
    "Prepare concise answers about your experience, quantify your achievements where you can, and be ready to explain why you want this role in particular.",
    "lol interviews are the worst. you got this tho!!",
    "Review the technical skills listed in the posting, refresh anything rusty, and expect at least one question about a time you failed and what you learned.",
    "Dress one level more formally than the team does, bring copies of your CV, and send a short thank-you note afterwards.",
];
var pairs = responses.Select(r => new TextPair(Prompt, r)).ToArray();

const int d = MiniLmTextEncoder.VectorLength;
var random = new Random(12);
var v = new float[k * d];
var w = new float[k];
for (int i = 0; i < v.Length; i++)
{
    v[i] = (float)(random.NextDouble() - 0.5);
}

for (int i = 0; i < w.Length; i++)
{
    w[i] = (float)(random.NextDouble() - 0.5);
}

var identity = new double[k * k];
for (int a = 0; a < k; a++)
{
    identity[a * k + a] = 1.0;
}

var options = new MiniLmOptions(intraOpThreads: 1, memoryCacheEntries: 0);
var fresh = new MiniLmFeaturizer(options);
var seen = new MiniLmFeaturizer(new MiniLmOptions(intraOpThreads: 1));
var model = new PrefModel("bench", k, d, v, ["user"], w, new GaussianPrior(new double[k], identity), fresh.Description);
using var peer = new DirectOnnxScorer(1, v, w);
var attuneRewards = new float[responses.Length];
var seenRewards = new float[responses.Length];
var peerRewards = new float[responses.Length];

void Score(IFeaturizer featurizer, float[] rewards)
{
    var features = featurizer.FeaturizeBatchAsync(pairs).GetAwaiter().GetResult();
    Span<float> phi = stackalloc float[k];
    ReadOnlySpan<float> wu = model.GetUserWeights(0);
    for (int i = 0; i < features.Count; i++)
    {
        model.RewardFeatures(features[i].Values, phi);
        rewards[i] = TensorPrimitives.Dot(wu, phi);
    }
}

void Attune() => Score(fresh, attuneRewards);
void AttuneSeen() => Score(seen, seenRewards);
void Peer() => peer.Score(responses, peerRewards);

Attune();
AttuneSeen();
Peer();
double maxDifference = attuneRewards.Zip(peerRewards, (a, b) => Math.Abs((double)a - b)).Max();

var rows = new Dictionary<string, List<Measurement>> { ["attune_new"] = [], ["peer_onnx_direct"] = [], ["attune_seen"] = [] };
for (int round = 0; round < rounds; round++)
{
    Console.Error.WriteLine($"round {round + 1}/{rounds}");
    rows["attune_new"].Add(Measure.Run(Attune, repetitions));
    rows["peer_onnx_direct"].Add(Measure.Run(Peer, repetitions));
    rows["attune_seen"].Add(Measure.Run(AttuneSeen, repetitions));
}

var output = new Dictionary<string, object>
{
    ["environment"] = new Dictionary<string, object>
    {
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["processor_count"] = Environment.ProcessorCount,
        ["onnx_intra_op_threads"] = 1,
        ["responses"] = responses.Length,
        ["k"] = k,
        ["featurizer"] = fresh.Description,
    },
    ["max_abs_reward_difference"] = maxDifference,
    ["rounds"] = rows,
};
var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
File.WriteAllText(outPath, JsonSerializer.Serialize(output, json));

double MedianOf(string row, Func<Measurement, double> pick) => Measure.Median(rows[row].Select(pick));
Console.WriteLine($"| row | wall median ms | CPU median ms | allocated kB/call | ratio peer/row (CPU) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
double peerCpu = MedianOf("peer_onnx_direct", m => m.CpuMedianS);
foreach (var row in rows.Keys)
{
    double cpu = MedianOf(row, m => m.CpuMedianS);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {row} | {MedianOf(row, m => m.MedianS) * 1e3:F2} | {cpu * 1e3:F2} | {MedianOf(row, m => m.AllocatedBytesPerCall) / 1024:F1} | {peerCpu / cpu:F2} |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |reward(Attune) - reward(peer)| = {maxDifference:E2}"));
return 0;
