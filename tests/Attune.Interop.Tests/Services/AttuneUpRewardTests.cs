using System.Text.Json;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Services;

/// <summary>
/// The RL trainer faces of <c>attune up</c> through the gateway with the demo key, called by python requests as
/// OpenRLHF's remote reward model client calls (python/openrlhf_client.py): one batch of 64 samples, 16 prompts with a
/// formal and a casual answer each, for a demo user who prefers formal answers and one who prefers casual ones, must
/// give the two users opposite orderings of every pair; vLLM's /v1/score must give the same; clusters, unknown users
/// and bad requests are answered as docs/rl.md says.
/// </summary>
public sealed class AttuneUpRewardTests
{
    // Two simulated users of the demo world who differ in formality and agree on the format (neither answer is a list).
    private const string FormalUser = "formal+a-list#1";
    private const string CasualUser = "casual+a-list#1";

    [Fact]
    public async Task GetRewardAndScore_openRlhfBatchOf64_formalAndCasualUsersOrderEveryPairOppositely()
    {
        Requires.That(Python.RequestsAvailable, Python.RequestsRequirement);
        var dataDir = Directory.CreateTempSubdirectory("attune-up-rl-").FullName;
        try
        {
            JsonElement run;
            await using (var up = await AttuneUpProcess.StartAsync(dataDir))
            {
                run = await RunAsync(up.Targets["page"], up.DemoKey);
            }

            Assert.Equal(64, run.GetProperty("batch_size").GetInt32());
            var reward = run.GetProperty("get_reward");
            var rewards = reward.GetProperty("rewards").EnumerateArray().Select(e => e.GetDouble()).ToList();
            var labels = reward.GetProperty("labels").EnumerateArray().Select(e => e.GetString()).ToList();
            var kinds = reward.GetProperty("kinds").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Equal(64, rewards.Count);
            Assert.Equal(rewards, reward.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(64, reward.GetProperty("extra_logs").GetProperty("population_reward").GetArrayLength());
            Assert.All(reward.GetProperty("extra_logs").GetProperty("cold_start").EnumerateArray(), c => Assert.Equal(0, c.GetDouble()));
            var version = reward.GetProperty("model_version").GetInt64();
            Assert.True(version >= 1, $"model_version {version}");

            // Samples come as (user, prompt, formal), (user, prompt, casual), in that order.
            for (var i = 0; i < 64; i += 2)
            {
                Assert.Equal(("formal", "casual"), (kinds[i], kinds[i + 1]));
                var margin = rewards[i] - rewards[i + 1];
                if (labels[i] == FormalUser)
                {
                    Assert.True(margin > 0, $"sample {i}: {FormalUser} rewards formal {rewards[i]} not above casual {rewards[i + 1]}");
                }
                else
                {
                    Assert.Equal(CasualUser, labels[i]);
                    Assert.True(margin < 0, $"sample {i}: {CasualUser} rewards formal {rewards[i]} not below casual {rewards[i + 1]}");
                }
            }

            foreach (var (user, sign) in new[] { (FormalUser, 1), (CasualUser, -1) })
            {
                var rows = run.GetProperty("score").GetProperty(user).EnumerateArray().ToList();
                Assert.Equal(16, rows.Count);
                Assert.All(rows, row =>
                {
                    Assert.Equal("list", row.GetProperty("object").GetString());
                    Assert.Equal(version, row.GetProperty("model_version").GetInt64());
                    var data = row.GetProperty("data").EnumerateArray().ToList();
                    Assert.Equal([0, 1], data.Select(d => d.GetProperty("index").GetInt32()));
                    Assert.All(data, d => Assert.Equal("score", d.GetProperty("object").GetString()));
                    var margin = data[0].GetProperty("score").GetDouble() - data[1].GetProperty("score").GetDouble();
                    Assert.True(sign * margin > 0, $"/v1/score for {user}: formal - casual = {margin}");
                });
            }

            // The same formal/casual samples scored by /get_reward and /v1/score agree.
            var firstFormal = run.GetProperty("score").GetProperty(FormalUser)[0].GetProperty("data")[0].GetProperty("score").GetDouble();
            Assert.Equal(rewards[0], firstFormal, 9);

            var cluster = run.GetProperty("cluster");
            Assert.Equal(200, cluster.GetProperty("status").GetInt32());
            Assert.True(double.IsFinite(cluster.GetProperty("body").GetProperty("rewards")[0].GetDouble()));
            AssertError(run, "unknown_cluster", 404, "labels[0]");
            var unknown = run.GetProperty("unknown_user");
            Assert.Equal(200, unknown.GetProperty("status").GetInt32());
            Assert.Equal(1, unknown.GetProperty("body").GetProperty("extra_logs").GetProperty("cold_start")[0].GetDouble());
            Assert.Equal(unknown.GetProperty("body").GetProperty("extra_logs").GetProperty("population_reward")[0].GetDouble(),
                unknown.GetProperty("body").GetProperty("rewards")[0].GetDouble(), 9);
            AssertError(run, "no_labels_no_header", 400, "labels");
            Assert.Contains("x-attune-user", run.GetProperty("no_labels_no_header").GetProperty("body").GetProperty("message").GetString(), StringComparison.Ordinal);
            var byHeader = run.GetProperty("empty_labels_header");
            Assert.Equal(200, byHeader.GetProperty("status").GetInt32());
            Assert.Equal(rewards[0], byHeader.GetProperty("body").GetProperty("rewards")[0].GetDouble(), 9);
            AssertError(run, "prompts_mismatch", 400, "prompts");
            AssertError(run, "query_without_prompt", 400, "query[0]");
            Assert.Equal(401, run.GetProperty("no_key").GetProperty("status").GetInt32());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static void AssertError(JsonElement run, string name, int status, string field)
    {
        var answer = run.GetProperty(name);
        Assert.True(answer.GetProperty("status").GetInt32() == status, $"{name}: {answer}");
        Assert.StartsWith(field + ":", answer.GetProperty("body").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RunAsync(string web, string apiKey)
    {
        var info = Python.StartInfo("openrlhf_client.py", "--web", "http://" + web, "--api-key", apiKey,
            "--formal-user", FormalUser, "--casual-user", CasualUser);
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(180));
        Assert.True(process.ExitCode == 0, $"openrlhf_client.py exited {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
