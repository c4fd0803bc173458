using System.Globalization;
using System.Text;
using System.Text.Json;
using Attune.Bench.Services;

// Usage: Attune.Bench.Services --out DIR [--seconds S] [--concurrency 1,32] [--postgres CONNSTRING] [--sections ingest,score]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "", StringComparer.Ordinal);
var outDir = options.GetValueOrDefault("out") ?? "results";
var seconds = double.Parse(options.GetValueOrDefault("seconds") ?? "10", CultureInfo.InvariantCulture);
var concurrencies = (options.GetValueOrDefault("concurrency") ?? "1,32").Split(',').Select(int.Parse).ToArray();
var sections = (options.GetValueOrDefault("sections") ?? "ingest,score").Split(',');
var postgres = options.GetValueOrDefault("postgres");
var duration = TimeSpan.FromSeconds(seconds);
Directory.CreateDirectory(outDir);
var work = Directory.CreateTempSubdirectory("attune-bench-services-").FullName;
var rows = new List<Row>();
try
{
    if (sections.Contains("ingest"))
    {
        rows.AddRange(await IngestBenchmark.RunAsync("sqlite", $"Data Source={Path.Combine(work, "raw.db")}", Path.Combine(work, "sqlite"), concurrencies, duration));
        if (!string.IsNullOrEmpty(postgres))
        {
            await using var database = await ScratchDatabase.CreateAsync(postgres);
            rows.AddRange(await IngestBenchmark.RunAsync("postgres", database.ConnectionString, Path.Combine(work, "pg"), concurrencies, duration));
        }
        else
        {
            Console.Error.WriteLine("  ingest postgres: skipped (no --postgres connection string)");
        }
    }

    if (sections.Contains("score"))
    {
        rows.AddRange(await ScoreBenchmark.RunAsync(Path.Combine(work, "stack"), concurrencies, duration));
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

var md = new StringBuilder();
md.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end, {seconds:F0} s per cell after a 1 s warm-up, client and service in one process.");
md.AppendLine();
md.AppendLine("| section | call | c | calls/s | p50 ms | p99 ms | errors | peer | peer calls/s | peer p50 ms | peer p99 ms | ratio calls/s (call / peer) |");
md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var r in rows)
{
    md.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Section} | {r.What} | {r.Concurrency} | {r.Measured.PerSecond:F0} | {r.Measured.Percentile(0.5):F3} | {r.Measured.Percentile(0.99):F3} | {r.Measured.Errors} | {r.PeerName} | {r.Peer.PerSecond:F0} | {r.Peer.Percentile(0.5):F3} | {r.Peer.Percentile(0.99):F3} | {r.Measured.PerSecond / r.Peer.PerSecond:F2} |");
}

File.WriteAllText(Path.Combine(outDir, "results.md"), md.ToString());
File.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(rows.Select(r => new
{
    r.Section, r.What, r.Concurrency, calls_per_s = r.Measured.PerSecond, p50_ms = r.Measured.Percentile(0.5),
    p99_ms = r.Measured.Percentile(0.99), errors = r.Measured.Errors, peer = r.PeerName, peer_calls_per_s = r.Peer.PerSecond,
    peer_p50_ms = r.Peer.Percentile(0.5), peer_p99_ms = r.Peer.Percentile(0.99),
}), new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(md.ToString());
