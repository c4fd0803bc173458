using System.Diagnostics;
using System.Text.RegularExpressions;
using Attune.Contracts.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// <c>attune up</c> makes no connection the operator did not configure: started under <c>strace -f -e trace=connect</c>
/// (every thread of the process, every connect() it makes, TCP, UDP and so DNS included), it starts on a fresh folder,
/// trains its demo model and serves calls; every address it connected to is loopback (or a Unix socket), and it logged no
/// warning.
/// </summary>
public sealed partial class AttuneUpNetworkTests
{
    private static bool StraceAvailable => File.Exists("/usr/bin/strace");

    [Fact]
    public async Task AttuneUp_startsTrainsAndServes_connectsToLoopbackOnlyAndLogsNoWarning()
    {
        Requires.That(StraceAvailable, "strace (apt-get install strace)");
        var attune = ServiceProcess.BuildOutputPath(Path.Combine("src", "Attune.Cli"), "attune");
        Assert.True(File.Exists(attune), $"Build the CLI first (dotnet build src/Attune.Cli): {attune}");
        var dataDir = Directory.CreateTempSubdirectory("attune-up-net-").FullName;
        var trace = Path.Combine(dataDir, "connect.trace");
        var info = new ProcessStartInfo("/usr/bin/strace",
            ["-f", "-qq", "-e", "trace=connect", "-o", trace, "dotnet", attune, "up", "--port", "0", "--data", dataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        // Nothing in the environment may point the process elsewhere (an OTLP collector, a proxy).
        foreach (var name in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            info.Environment.Remove(name);
        }

        using var strace = Process.Start(info)!;
        var lines = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        strace.OutputDataReceived += (_, e) => Collect(e.Data, lines, ready);
        strace.ErrorDataReceived += (_, e) => Collect(e.Data is null ? null : "stderr: " + e.Data, lines, ready);
        strace.BeginOutputReadLine();
        strace.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
            var adapter = Address(lines, "adapter");
            using (var channel = GrpcChannel.ForAddress(adapter))
            {
                var health = await new Health.HealthClient(channel).CheckAsync(
                    new HealthCheckRequest { Service = AdapterService.Descriptor.FullName }, cancellationToken: TestContext.Current.CancellationToken);
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
                var score = await new AdapterService.AdapterServiceClient(channel).ScoreAsync(
                    new ScoreRequest { UserId = "net-test", Prompt = "How do I boil an egg?", Responses = { "Boil it.", "Dear reader, kindly boil it." } },
                    cancellationToken: TestContext.Current.CancellationToken);
                Assert.Equal(2, score.Scores.Count);
            }
        }
        finally
        {
            await StopTracedAsync(strace);
            await strace.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60));
        }

        var connects = File.ReadAllLines(trace).Where(l => l.Contains("connect(", StringComparison.Ordinal)).ToList();
        Directory.Delete(dataDir, recursive: true);
        var output = Snapshot(lines);
        Assert.NotEmpty(connects); // the adapter calls the trainer and feedback over gRPC, so loopback connects are seen
        var outbound = connects.Where(l => !IsLocal(l)).ToList();
        Assert.True(outbound.Count == 0, "connect() to a non-loopback address:\n" + string.Join('\n', outbound));
        var warnings = output.Where(l => Severity().IsMatch(l)).ToList();
        Assert.True(warnings.Count == 0, "attune up logged:\n" + string.Join('\n', warnings));
    }

    /// <summary>A connect() line of strace is local when it targets a Unix socket, 127.0.0.0/8 or ::1 (or nothing: AF_UNSPEC).</summary>
    private static bool IsLocal(string line) =>
        line.Contains("sa_family=AF_UNIX", StringComparison.Ordinal)
        || line.Contains("sa_family=AF_UNSPEC", StringComparison.Ordinal)
        || line.Contains("sa_family=AF_NETLINK", StringComparison.Ordinal)
        || Loopback4().IsMatch(line)
        || line.Contains("inet_pton(AF_INET6, \"::1\"", StringComparison.Ordinal)
        || Loopback6Mapped().IsMatch(line);

    private static void Collect(string? line, List<string> lines, TaskCompletionSource ready)
    {
        if (line is null)
        {
            ready.TrySetException(new InvalidOperationException("attune up ended before it was ready: " + string.Join('\n', Snapshot(lines))));
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        if (line.StartsWith("ready:", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static Uri Address(List<string> lines, string service) =>
        Snapshot(lines).Select(l => AddressLine().Match(l)).Where(m => m.Success && m.Groups[1].Value == service)
            .Select(m => new Uri("http://" + m.Groups[2].Value)).First();

    /// <summary>SIGTERM to the traced attune process (strace itself would detach and leave it running), then strace ends.</summary>
    private static async Task StopTracedAsync(Process strace)
    {
        if (strace.HasExited)
        {
            return;
        }

        foreach (var child in Children(strace.Id))
        {
            using var kill = Process.Start("kill", ["-TERM", child.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        return Directory.GetDirectories(tasks)
            .Select(t => Path.Combine(t, "children"))
            .Where(File.Exists)
            .SelectMany(f => File.ReadAllText(f).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToList();
    }

    [GeneratedRegex(@"sin_addr=inet_addr\(""127\.\d+\.\d+\.\d+""\)")]
    private static partial Regex Loopback4();

    [GeneratedRegex(@"inet_pton\(AF_INET6, ""::ffff:127\.\d+\.\d+\.\d+""")]
    private static partial Regex Loopback6Mapped();

    [GeneratedRegex(@"\s(warn|fail|crit):\s")]
    private static partial Regex Severity();

    [GeneratedRegex(@"^\s+(\w+)\s+http://(127\.0\.0\.1:\d+)/?$")]
    private static partial Regex AddressLine();
}
