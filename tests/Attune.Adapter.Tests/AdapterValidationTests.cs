using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Adapter.Tests;

public sealed class AdapterValidationTests(ModelAdapterFixture adapter) : IClassFixture<ModelAdapterFixture>
{
    public static TheoryData<string, string> BadRequests => new()
    {
        { "GetProfile", "user_id" },
        { "NextQuery.user", "user_id" },
        { "NextQuery.same", "candidates[1].response_b" },
        { "NextQuery.prompt", "candidates[0].prompt" },
        { "NextQuery.strategy", "strategy" },
        { "SubmitAnswer.pair", "pair" },
        { "SubmitAnswer.preference", "preference" },
        { "SubmitAnswer.response", "pair.response_a" },
        { "Score.none", "responses" },
        { "Score.empty", "responses[1]" },
        { "Score.prompt", "prompt" },
        { "Compare.response", "response_b" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Rpc_badField_invalidArgumentNamingIt(string call, string field)
    {
        var c = adapter.Client;
        var pair = new CandidatePair { Prompt = Texts.Prompt(0), ResponseA = Texts.Formal(0), ResponseB = Texts.Casual(0) };
        Func<Task> act = call switch
        {
            "GetProfile" => () => c.GetProfileAsync(new GetProfileRequest()).ResponseAsync,
            "NextQuery.user" => () => c.NextQueryAsync(new NextQueryRequest { UserId = "bad\u0001id" }).ResponseAsync,
            "NextQuery.same" => () => c.NextQueryAsync(new NextQueryRequest
            {
                UserId = "u", Candidates = { pair, new CandidatePair { Prompt = "p", ResponseA = "same", ResponseB = "same" } },
            }).ResponseAsync,
            "NextQuery.prompt" => () => c.NextQueryAsync(new NextQueryRequest
            {
                UserId = "u", Candidates = { new CandidatePair { Prompt = " ", ResponseA = "a", ResponseB = "b" } },
            }).ResponseAsync,
            "NextQuery.strategy" => () => c.NextQueryAsync(new NextQueryRequest { UserId = "u", Strategy = "bogus", Candidates = { pair } }).ResponseAsync,
            "SubmitAnswer.pair" => () => c.SubmitAnswerAsync(new SubmitAnswerRequest { UserId = "u", Preference = 1 }).ResponseAsync,
            "SubmitAnswer.preference" => () => c.SubmitAnswerAsync(new SubmitAnswerRequest { UserId = "u", Pair = pair, Preference = 1.5 }).ResponseAsync,
            "SubmitAnswer.response" => () => c.SubmitAnswerAsync(new SubmitAnswerRequest
            {
                UserId = "u", Pair = new CandidatePair { Prompt = "p", ResponseB = "b" }, Preference = 1,
            }).ResponseAsync,
            "Score.none" => () => c.ScoreAsync(new ScoreRequest { UserId = "u", Prompt = "p" }).ResponseAsync,
            "Score.empty" => () => c.ScoreAsync(new ScoreRequest { UserId = "u", Prompt = "p", Responses = { "a", "" } }).ResponseAsync,
            "Score.prompt" => () => c.ScoreAsync(new ScoreRequest { UserId = "u", Responses = { "a" } }).ResponseAsync,
            _ => () => c.CompareAsync(new CompareRequest { UserId = "u", Prompt = "p", ResponseA = "a" }).ResponseAsync,
        };

        var e = await Assert.ThrowsAsync<RpcException>(act);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextQuery_over10000Candidates_resourceExhausted()
    {
        var request = new NextQueryRequest { UserId = "u" };
        var pair = new CandidatePair { Prompt = "p", ResponseA = "a", ResponseB = "b" };
        request.Candidates.AddRange(Enumerable.Repeat(pair, 10_001));

        var e = await Assert.ThrowsAsync<RpcException>(() => adapter.Client.NextQueryAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.StartsWith("candidates:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_over256Responses_resourceExhausted()
    {
        var request = new ScoreRequest { UserId = "u", Prompt = "p" };
        request.Responses.AddRange(Enumerable.Range(0, 257).Select(i => $"response {i}"));

        var e = await Assert.ThrowsAsync<RpcException>(() => adapter.Client.ScoreAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.StartsWith("responses:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_promptOver32KiB_resourceExhaustedNamingIt()
    {
        var request = new ScoreRequest { UserId = "u", Prompt = new string('é', 20_000), Responses = { "a" } }; // 40,000 UTF-8 bytes

        var e = await Assert.ThrowsAsync<RpcException>(() => adapter.Client.ScoreAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.StartsWith("prompt:", e.Status.Detail, StringComparison.Ordinal);
    }
}
