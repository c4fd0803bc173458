using System.Net;
using System.Text;
using System.Text.Json;
using Attune.Contracts.V1;

namespace Attune.Adapter.Tests;

/// <summary>
/// The RL trainer faces on the adapter itself (h2c, as the gateway forwards them): OpenRLHF's /get_reward and vLLM's
/// /v1/score and /classify give the rewards Score gives, for users from labels, the user field or the header, and for
/// clusters; bad requests are answered with the status and the field named.
/// </summary>
public sealed class RewardRouteTests(ModelAdapterFixture adapter) : IClassFixture<ModelAdapterFixture>
{
    private static readonly string Prompt = Texts.Prompt(0);
    private static readonly string Formal = Texts.Formal(0);
    private static readonly string Casual = Texts.Casual(0);

    [Fact]
    public async Task GetReward_labelsAndHeader_sameRewardsAsScore()
    {
        var expected = await adapter.Client.ScoreAsync(new ScoreRequest { UserId = "rl-user", Prompt = Prompt, Responses = { Formal, Casual } });

        using var byLabels = await PostAsync("/get_reward", new { query = new[] { Prompt + Formal, Prompt + Casual }, prompts = new[] { Prompt, Prompt }, labels = new[] { "rl-user", "rl-user" } });
        using var byHeader = await PostAsync("/get_reward", new { query = new[] { Prompt + Formal, Prompt + Casual }, prompts = new[] { Prompt, Prompt }, labels = new[] { "", "" } }, "rl-user");

        foreach (var reply in new[] { byLabels, byHeader })
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var rewards = reply.Body.GetProperty("rewards").EnumerateArray().Select(e => e.GetDouble()).ToList();
            Assert.Equal(expected.Scores.Select(s => s.Reward), rewards, (a, b) => Math.Abs(a - b) < 1e-9);
            Assert.Equal(rewards, reply.Body.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(expected.Scores.Select(s => s.PopulationReward),
                reply.Body.GetProperty("extra_logs").GetProperty("population_reward").EnumerateArray().Select(e => e.GetDouble()), (a, b) => Math.Abs(a - b) < 1e-9);
            Assert.Equal([1.0, 1.0], reply.Body.GetProperty("extra_logs").GetProperty("cold_start").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(1, reply.Body.GetProperty("model_version").GetInt64());
        }
    }

    [Fact]
    public async Task GetReward_batchOverTheChunkSize_everySampleScoredInOrder()
    {
        const int n = 600;
        var queries = Enumerable.Range(0, n).Select(i => Prompt + (i % 2 == 0 ? Formal : Casual)).ToArray();
        using var reply = await PostAsync("/get_reward", new { query = queries, prompts = Enumerable.Repeat(Prompt, n).ToArray(), labels = Enumerable.Repeat("rl-batch", n).ToArray() });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var rewards = reply.Body.GetProperty("rewards").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(n, rewards.Count);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(rewards[i % 2], rewards[i]));
        Assert.NotEqual(rewards[0], rewards[1]);
    }

    [Fact]
    public async Task GetReward_clusters_meanMemberWeightsDifferPerClusterAndUnknownIs404()
    {
        using var first = await PostAsync("/get_reward", new { query = new[] { Prompt + Formal }, prompts = new[] { Prompt }, labels = new[] { "cluster:1" } });
        using var second = await PostAsync("/get_reward", new { query = new[] { Prompt + Formal }, prompts = new[] { Prompt }, labels = new[] { "cluster:2" } });
        using var missing = await PostAsync("/get_reward", new { query = new[] { Prompt + Formal, Prompt + Casual }, prompts = new[] { Prompt, Prompt }, labels = new[] { "u", "cluster:999" } });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first.Body.GetProperty("rewards")[0].GetDouble(), second.Body.GetProperty("rewards")[0].GetDouble());
        Assert.Equal(0, first.Body.GetProperty("extra_logs").GetProperty("cold_start")[0].GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.StartsWith("labels[1]: model 1 has clusters 1 to ", Message(missing), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?, int, string> BadRequests => new()
    {
        { "/get_reward", """{"query":["pa"],"prompts":["p"]}""", null, 400, "labels: is missing and no x-attune-user header is set" },
        { "/get_reward", """{"query":["pa","pb"],"prompts":["p","p"],"labels":["u",""]}""", null, 400, "labels[1]: is empty and no x-attune-user header" },
        { "/get_reward", """{"query":["pa","pb"],"prompts":["p"],"labels":["u","u"]}""", null, 400, "prompts: has 1 entries but query has 2" },
        { "/get_reward", """{"query":["pa"],"prompts":["p"],"labels":["u","u"]}""", null, 400, "labels: has 2 entries but query has 1" },
        { "/get_reward", """{"query":["a response"],"prompts":["p"],"labels":["u"]}""", null, 400, "query[0]: does not start with prompts[0]" },
        { "/get_reward", """{"prompts":["p"],"labels":["u"]}""", null, 400, "query: is required" },
        { "/get_reward", """{"query":["pa"],"labels":["u"]}""", null, 400, "prompts: is required" },
        { "/get_reward", """{"query":["pa"],"prompts":["p"],"labels":[7]}""", null, 400, "labels[0]: is not what this route reads" },
        { "/get_reward", """{"query":["pa"],"prompts":["p"],"labels":["cluster:x"]}""", null, 400, "labels[0]: 'cluster:x' names no cluster" },
        { "/get_reward", """{"query":["pa"],"prompts":["p"]}""", "cluster:-1", 400, "x-attune-user: 'cluster:-1' names no cluster" },
        { "/get_reward", """{"query":["pa"],"prompts":["p"],"labels":["cluster:0"]}""", null, 400, "labels[0]: 'cluster:0' names no cluster" },
        { "/get_reward", "not json", null, 400, "body: is not what this route reads" },
        { "/v1/score", """{"text_1":"p","text_2":["a"]}""", null, 400, "user: is missing and no x-attune-user header is set" },
        { "/v1/score", """{"text_1":["p","q"],"text_2":["a","b","c"],"user":"u"}""", null, 400, "text_1: has 2 entries and text_2 3" },
        { "/v1/score", """{"text_1":"p","user":"u"}""", null, 400, "text_2: is required" },
        { "/v1/score", """{"text_1":"p","text_2":["a",null],"user":"u"}""", null, 400, "text_2[1]: is required" },
        { "/classify", """{"input":["a"]}""", null, 400, "user: is missing" },
        { "/classify", """{"user":"u"}""", null, 400, "input: is required" },
        { "/classify", """{"user":"u","messages":[{"role":"user","content":"p"}]}""", null, 400, "messages: must end with the assistant's message" },
        { "/classify", """{"user":"u","messages":[{"role":"system","content":"s"},{"role":"assistant","content":"a"}]}""", null, 400, "messages: has no user message" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Route_badRequest_statusAndMessageNamingTheField(string path, string body, string? header, int status, string message)
    {
        using var reply = await SendAsync(path, body, header);

        Assert.Equal(status, (int)reply.Status);
        Assert.Equal(3, reply.Body.GetProperty("code").GetInt32());
        Assert.StartsWith(message, Message(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_oneToManyAndNToN_vllmShapeWithScoresOfGetReward()
    {
        var expected = await adapter.Client.ScoreAsync(new ScoreRequest { UserId = "rl-score", Prompt = Prompt, Responses = { Formal, Casual } });

        using var oneToMany = await PostAsync("/v1/score", new { model = "m", text_1 = Prompt, text_2 = new[] { Formal, Casual }, user = "rl-score" });
        using var nToN = await PostAsync("/v1/score", new { text_1 = new[] { Prompt, Prompt }, text_2 = new[] { Formal, Casual } }, "rl-score");

        Assert.Equal(HttpStatusCode.OK, oneToMany.Status);
        Assert.Equal("list", oneToMany.Body.GetProperty("object").GetString());
        Assert.StartsWith("score-", oneToMany.Body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("m", oneToMany.Body.GetProperty("model").GetString());
        Assert.Equal("attune-model-1", nToN.Body.GetProperty("model").GetString());
        foreach (var reply in new[] { oneToMany, nToN })
        {
            var data = reply.Body.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal([0, 1], data.Select(d => d.GetProperty("index").GetInt32()));
            Assert.All(data, d => Assert.Equal("score", d.GetProperty("object").GetString()));
            Assert.Equal(expected.Scores.Select(s => s.Reward), data.Select(d => d.GetProperty("score").GetDouble()), (a, b) => Math.Abs(a - b) < 1e-9);
        }
    }

    [Fact]
    public async Task Classify_messagesAndInput_rawRewardOrItsSigmoid()
    {
        var expected = (await adapter.Client.ScoreAsync(new ScoreRequest { UserId = "rl-classify", Prompt = Prompt, Responses = { Formal } })).Scores[0].Reward;

        using var chat = await PostAsync("/classify", new
        {
            user = "rl-classify", use_activation = false,
            messages = new[] { new { role = "system", content = "Be helpful." }, new { role = "user", content = Prompt }, new { role = "assistant", content = Formal } },
        });
        using var input = await PostAsync("/classify", new { input = Formal, prompt = Prompt }, "rl-classify");

        Assert.Equal(HttpStatusCode.OK, chat.Status);
        var raw = chat.Body.GetProperty("data")[0];
        Assert.Equal("reward", raw.GetProperty("label").GetString());
        Assert.Equal(1, raw.GetProperty("num_classes").GetInt32());
        Assert.Equal(expected, raw.GetProperty("probs")[0].GetDouble(), 9);
        Assert.Equal(1 / (1 + Math.Exp(-expected)), input.Body.GetProperty("data")[0].GetProperty("probs")[0].GetDouble(), 9);
    }

    private static string Message(Reply reply) => reply.Body.GetProperty("message").GetString()!;

    private Task<Reply> PostAsync(string path, object body, string? user = null) => SendAsync(path, JsonSerializer.Serialize(body), user);

    private async Task<Reply> SendAsync(string path, string body, string? user)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(adapter.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (user is not null)
        {
            request.Headers.TryAddWithoutValidation("x-attune-user", user);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Reply(response.StatusCode, JsonDocument.Parse(text));
    }

    private sealed record Reply(HttpStatusCode Status, JsonDocument Document) : IDisposable
    {
        public JsonElement Body => Document.RootElement;

        public void Dispose() => Document.Dispose();
    }
}
