using System.Text.Json;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// <c>attune up</c> on a fresh data folder, called by python grpcio with stubs generated from protos/attune/v1 alone:
/// health, a new user who prefers formal answers onboarded through NextQuery and SubmitAnswer, Score of a formal and
/// a casual response before and after; a generic python client that knows only the gateway's address and the demo key
/// finds every attune.v1 service by reflection through the gateway and onboards a user with stubs built from it; then a
/// restart on the same folder keeps everything and seeds nothing twice.
/// </summary>
public sealed class AttuneUpInteropTests
{
    [Fact]
    public async Task AttuneUp_pythonOnboardsUser_scoresFollowAnswersAndRestartKeepsState()
    {
        Requires.That(Python.Available, Python.Requirement);
        var dataDir = Directory.CreateTempSubdirectory("attune-up-").FullName;
        try
        {
            JsonElement run, generic;
            await using (var up = await AttuneUpProcess.StartAsync(dataDir))
            {
                Assert.Contains(up.Output, l => l.Contains("demo population: 4800 comparisons", StringComparison.Ordinal));
                Assert.Contains(up.Output, l => l.Contains("in force", StringComparison.Ordinal));
                run = await RunClientAsync(up.Targets["adapter"], "py-prefers-formal", answers: 8);
                generic = await RunScriptAsync(
                    "gateway_reflection_client.py", "--gen", Python.StubsDirectory, "--gateway", up.Targets["gateway"],
                    "--api-key", up.DemoKey, "--user", "py-through-gateway", "--answers", "3");
                Assert.Equal(0, await up.TerminateAsync());
                Assert.Contains(up.Output, l => l == "attune up: stopped");
            }

            Assert.Equal("SERVING", run.GetProperty("health").GetString());
            Assert.True(run.GetProperty("profile_before").GetProperty("cold_start").GetBoolean());
            var answers = run.GetProperty("answers").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, 8), answers.Select(a => a.GetProperty("answers").GetInt32()));
            Assert.Equal(8, answers.Select(a => a.GetProperty("comparison_id").GetString()).Distinct().Count());
            Assert.Equal(8, answers.Select(a => a.GetProperty("pair").ToString()).Distinct().Count());
            var before = run.GetProperty("score_before");
            var after = run.GetProperty("score_after");
            var marginBefore = before.GetProperty("formal").GetDouble() - before.GetProperty("casual").GetDouble();
            var marginAfter = after.GetProperty("formal").GetDouble() - after.GetProperty("casual").GetDouble();
            Assert.True(marginAfter > 0, $"after 8 answers preferring the more formal response, formal - casual = {marginAfter}");
            Assert.True(marginAfter > marginBefore, $"margin before {marginBefore}, after {marginAfter}");
            Assert.True(after.GetProperty("formal_std_dev").GetDouble() < before.GetProperty("formal_std_dev").GetDouble());
            Assert.Equal("INVALID_ARGUMENT", run.GetProperty("bad_request").GetString());
            Assert.Contains("user_id", run.GetProperty("bad_request_details").GetString(), StringComparison.Ordinal);

            string[] attuneServices = ["attune.v1.AdapterService", "attune.v1.FeedbackService", "attune.v1.GeneratorService", "attune.v1.TrainerService"];
            var listed = generic.GetProperty("services").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.All(attuneServices, s => Assert.Contains(s, listed));
            Assert.Contains("attune/v1/adapter.proto", generic.GetProperty("files").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("NextQuery", generic.GetProperty("methods").EnumerateArray().Select(e => e.GetString()));
            var throughGateway = generic.GetProperty("answers").EnumerateArray().ToList();
            Assert.Equal([1, 2, 3], throughGateway.Select(a => a.GetProperty("answers").GetInt32()));
            Assert.All(throughGateway, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("prompt").GetString())));
            Assert.Equal(3, throughGateway.Select(a => a.GetProperty("comparison_id").GetString()).Distinct().Count());
            Assert.Equal(3, int.Parse(generic.GetProperty("profile").GetProperty("answers").ToString(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("UNAUTHENTICATED", generic.GetProperty("no_key").GetString());

            await using var again = await AttuneUpProcess.StartAsync(dataDir);
            Assert.Contains(again.Output, l => l.Contains("nothing seeded", StringComparison.Ordinal));
            var resumed = await RunClientAsync(again.Targets["adapter"], "py-prefers-formal", answers: 1);
            Assert.False(resumed.GetProperty("profile_before").GetProperty("cold_start").GetBoolean());
            var kept = resumed.GetProperty("score_before");
            Assert.True(kept.GetProperty("formal").GetDouble() > kept.GetProperty("casual").GetDouble(), $"after the restart: {kept}");
            Assert.Equal(0, await again.TerminateAsync());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Task<JsonElement> RunClientAsync(string adapter, string user, int answers) =>
        RunScriptAsync(
            "attune_up_client.py", "--gen", Python.StubsDirectory, "--adapter", adapter, "--user", user,
            "--answers", answers.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<JsonElement> RunScriptAsync(string script, params string[] args)
    {
        var info = Python.StartInfo(script, args);
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"{script} exited {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
