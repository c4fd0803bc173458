using Attune.Contracts.V1;
using Attune.Feedback.Extensions;
using Grpc.Core;
using Grpc.Net.Client;
using Attune.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

namespace Attune.Bench.Services;

/// <summary>
/// Comparisons per second accepted by RecordComparison (stored durably with the FeedbackRecorded event queued in the
/// same transaction, then the reply), for one store, against <see cref="RawWriter"/>'s rate for the same writes at the
/// same concurrency. Afterwards the store's count must equal the calls that succeeded.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<IReadOnlyList<Row>> RunAsync(string store, string connectionString, string dataDir, int[] concurrencies, TimeSpan duration)
    {
        var rows = new List<Row>();
        var port = Ports.Free();
        await using var feedback = await StartFeedbackAsync(store, connectionString, dataDir, port);
        using var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"));
        var client = new FeedbackService.FeedbackServiceClient(channel);
        await using var raw = await RawWriter.CreateAsync(store, connectionString);
        long accepted = 0;
        foreach (var c in concurrencies)
        {
            var service = await ClosedLoop.RunAsync(async (i, ct) =>
            {
                await client.RecordComparisonAsync(new RecordComparisonRequest
                {
                    Comparison = new Comparison
                    {
                        UserId = Payload.User(i), ClientId = $"bench-{c}-{i}", Prompt = Payload.Prompt,
                        ResponseA = Payload.ResponseA, ResponseB = Payload.ResponseB, Preference = 1,
                    },
                }, new CallOptions(cancellationToken: ct));
                Interlocked.Increment(ref accepted);
            }, c, duration, TimeSpan.FromSeconds(1));
            var peer = await ClosedLoop.RunAsync(
                (i, _) => raw.WriteAsync(i + (c * 10_000_000L), Payload.User(i), Payload.Prompt, Payload.ResponseA, Payload.ResponseB),
                c, duration, TimeSpan.FromSeconds(1));
            rows.Add(new Row($"ingest {store}", "RecordComparison", c, service, "raw INSERT x2 per transaction", peer));
            Console.Error.WriteLine($"  ingest {store} c={c}: service {service.PerSecond:F0}/s, raw {peer.PerSecond:F0}/s");
        }

        var stats = await client.GetStatsAsync(new GetStatsRequest());
        if (stats.Comparisons != Volatile.Read(ref accepted))
        {
            throw new InvalidOperationException($"{store}: {Volatile.Read(ref accepted)} comparisons accepted but {stats.Comparisons} stored.");
        }

        Console.Error.WriteLine($"  ingest {store}: {stats.Comparisons} accepted = stored; {stats.PendingEvents} events still in the outbox");
        return rows;
    }

    private static async Task<AsyncApp> StartFeedbackAsync(string store, string connectionString, string dataDir, int port)
    {
        var app = InProcessServiceHost.Build(
            "Attune.Feedback",
            dataDir,
            [port],
            new Dictionary<string, string?>
            {
                ["Storage:Feedback:Provider"] = store,
                ["Storage:Feedback:ConnectionString"] = store == "sqlite" ? $"Data Source={Path.Combine(dataDir, "feedback.db")}" : connectionString,
            },
            bridge: null,
            b => b.AddFeedbackServices(),
            a => a.MapFeedbackServices());
        await app.StartAsync();
        return new AsyncApp(app);
    }
}
