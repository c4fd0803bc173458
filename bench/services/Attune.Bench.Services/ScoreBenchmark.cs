using Attune.Cli.Embedded;
using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Health.V1;

namespace Attune.Bench.Services;

/// <summary>
/// Score latency on the embedded stack's adapter with the demo model in force, for a user with ten answers: 8 responses
/// per call (best-of-8's scoring), against grpc.health.v1 Check on the same server and channel (the transport's floor).
/// </summary>
internal static class ScoreBenchmark
{
    public static async Task<IReadOnlyList<Row>> RunAsync(string dataDir, int[] concurrencies, TimeSpan duration)
    {
        await using var stack = await EmbeddedStack.StartAsync(new EmbeddedOptions(dataDir, basePort: 0));
        using var feedback = GrpcChannel.ForAddress(stack.Feedback);
        using var trainer = GrpcChannel.ForAddress(stack.Trainer);
        using var channel = GrpcChannel.ForAddress(stack.Adapter);
        var seeded = await DemoPopulation.SeedAsync(feedback, 40, CancellationToken.None);
        var model = await DemoPopulation.WaitForModelAsync(trainer, channel, seeded, stack.TrainerHoldsAsync, new Progress<string>(), CancellationToken.None);
        Console.Error.WriteLine($"  score: model {model.Version}, K = {model.K}");

        var adapter = new AdapterService.AdapterServiceClient(channel);
        const string user = "bench-scorer";
        for (var i = 0; i < 10; i++)
        {
            var q = await adapter.NextQueryAsync(new NextQueryRequest { UserId = user });
            await adapter.SubmitAnswerAsync(new SubmitAnswerRequest { UserId = user, Pair = q.Pair, Preference = i % 2, ClientId = $"bench-{i}" });
        }

        var world = Attune.Data.Demo.DemoWorld.Generate(DemoPopulation.World(1));
        var prompt = world.Prompts[0];
        var request = new ScoreRequest { UserId = user, Prompt = prompt.Prompt };
        request.Responses.AddRange(prompt.Responses.Take(8));
        var health = new Health.HealthClient(channel);
        var featurizer = new Attune.Text.Hashing.HashingFeaturizer();
        var featurize = await ClosedLoop.RunAsync((_, _) =>
        {
            foreach (var r in request.Responses)
            {
                featurizer.Featurize(new Attune.Text.TextPair(request.Prompt, r));
            }

            return Task.CompletedTask;
        }, 1, duration, TimeSpan.FromSeconds(1));
        Console.Error.WriteLine($"  score: featurizing the 8 responses in process (no RPC, no store) p50 {featurize.Percentile(0.5):F3} ms");
        var rows = new List<Row>();
        foreach (var c in concurrencies)
        {
            var score = await ClosedLoop.RunAsync((_, ct) => adapter.ScoreAsync(request, new CallOptions(cancellationToken: ct)).ResponseAsync, c, duration, TimeSpan.FromSeconds(1));
            var floor = await ClosedLoop.RunAsync((_, ct) => health.CheckAsync(new HealthCheckRequest(), new CallOptions(cancellationToken: ct)).ResponseAsync, c, duration, TimeSpan.FromSeconds(1));
            rows.Add(new Row("score", "Score (8 responses)", c, score, "health Check", floor));
            Console.Error.WriteLine($"  score c={c}: p50 {score.Percentile(0.5):F3} ms, p99 {score.Percentile(0.99):F3} ms; health p50 {floor.Percentile(0.5):F3} ms");
        }

        return rows;
    }
}
