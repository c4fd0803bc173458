using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Generator.Tests;

/// <summary>Best-of-n over the fake LLM, scored by the real adapter.</summary>
public sealed class BestOfNTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static GenerateRequest Request(int n = 8) => new() { UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt, N = n, Seed = 5 };

    [Fact]
    public async Task Generate_eightCandidates_picksHighestUserRewardAndReportsPopulationPick()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(Request());

        Assert.Equal(8, reply.Candidates.Count);
        Assert.Equal("fake-llm", reply.Backend);
        Assert.Equal(1, reply.ModelVersion);
        var rewards = reply.Candidates.Select(c => c.Reward).ToList();
        var population = reply.Candidates.Select(c => c.PopulationReward).ToList();
        Assert.Equal(rewards.IndexOf(rewards.Max()), reply.Chosen);
        Assert.Equal(reply.Candidates[reply.Chosen].Text, reply.Response);
        Assert.Equal(population.IndexOf(population.Max()), reply.PopulationChoice);
        Assert.Equal(reply.Candidates[reply.PopulationChoice].Text, reply.PopulationResponse);
        Assert.All(reply.Candidates, c => Assert.True(c.StdDev > 0));
    }

    [Fact]
    public async Task Generate_userAndPopulationDisagree_responseIsTheUsersPickAndPopulationResponseThePopulations()
    {
        // Among 40 styles responses, the one the user's reward ranks first and the one the population's ranks first.
        var pool = StylesTexts.Render(0, 40, seed: 11);
        using var channel = GrpcChannel.ForAddress(stack.Adapter.Address);
        var score = new ScoreRequest { UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt };
        score.Responses.AddRange(pool);
        var scores = (await new AdapterService.AdapterServiceClient(channel).ScoreAsync(score)).Scores;
        var mine = pool[scores.MaxBy(s => s.Reward)!.Index];
        var theirs = pool[scores.MaxBy(s => s.PopulationReward)!.Index];
        Assert.NotEqual(mine, theirs);
        stack.Llm.State.Reset([.. pool.Where(t => t != mine && t != theirs).Take(3), theirs, .. pool.Where(t => t != mine && t != theirs).Skip(3).Take(3), mine]);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(new GenerateRequest { UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt, N = 8 });

        Assert.Equal(mine, reply.Response);
        Assert.Equal(theirs, reply.PopulationResponse);
        Assert.NotEqual(reply.Chosen, reply.PopulationChoice);
    }

    [Fact]
    public async Task Generate_userWithAnswers_rewardsAreTheAdaptersScoresForThatUser()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(Request());

        using var channel = GrpcChannel.ForAddress(stack.Adapter.Address);
        var score = new ScoreRequest { UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt };
        score.Responses.AddRange(reply.Candidates.Select(c => c.Text));
        var expected = await new AdapterService.AdapterServiceClient(channel).ScoreAsync(score);
        Assert.Equal(expected.Scores.Select(s => s.Reward), reply.Candidates.Select(c => c.Reward));
        Assert.Equal(expected.Scores.Select(s => s.PopulationReward), reply.Candidates.Select(c => c.PopulationReward));
        // The user's answers moved the reward away from the population's, so the two picks are not the same reward.
        Assert.Contains(reply.Candidates, c => Math.Abs(c.Reward - c.PopulationReward) > 1e-6);
    }

    [Fact]
    public async Task Generate_backendAskedForN_sendsOneRequestWithN()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        await generator.Client.GenerateAsync(Request(n: 5));

        var call = Assert.Single(stack.Llm.State.Calls);
        Assert.Equal(5, call.N);
        Assert.Equal("", call.Partial);
        Assert.Equal(256, call.MaxTokens);
    }

    [Fact]
    public async Task Generate_backendIgnoringN_fillsTheRestWithSingleChoiceRequests()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        stack.Llm.State.IgnoreN = true;
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(Request(n: 4));

        Assert.Equal(4, stack.Llm.State.Calls.Count);
        Assert.Equal(4, reply.Candidates.Count);
        Assert.Equal(4, reply.Candidates.Select(c => c.Text).Distinct().Count());
    }

    [Fact]
    public async Task GenerateStream_bestOfN_streamsEveryCandidateThenTheResult()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        using var call = generator.Client.GenerateStream(Request(n: 3));
        var messages = new List<GenerateStreamReply>();
        await foreach (var m in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            messages.Add(m);
        }

        Assert.Equal(4, messages.Count);
        Assert.All(messages.Take(3), m => Assert.Equal(GenerateStreamReply.EventOneofCase.Candidate, m.EventCase));
        var result = messages[^1].Result;
        Assert.NotNull(result);
        Assert.Equal(messages.Take(3).Select(m => m.Candidate.Text), result.Candidates.Select(c => c.Text));
    }
}
