using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Generator.Tests;

/// <summary>Block-wise value-guided sampling over the fake LLM, scored by the real adapter.</summary>
public sealed class BlockwiseTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static GenerateRequest Request(int blockTokens = 6, int maxTokens = 400) => new()
    {
        UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt, Strategy = GenerationStrategy.Blockwise,
        N = 4, BlockTokens = blockTokens, MaxTokens = maxTokens, Seed = 2,
    };

    [Fact]
    public async Task Generate_blockwise_continuesTheKeptPrefixBlockByBlockUntilStop()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(Request());

        var calls = stack.Llm.State.Calls.ToList();
        Assert.True(calls.Count >= 2, $"expected several blocks, got {calls.Count}");
        Assert.Equal(calls.Count, reply.Candidates.Count);
        var prefix = "";
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.Equal(prefix, calls[i].Partial);
            Assert.Equal(6, calls[i].MaxTokens);
            Assert.Contains(reply.Candidates[i].Text, calls[i].Answers);
            prefix += reply.Candidates[i].Text;
        }

        Assert.Equal(prefix, reply.Response);
        Assert.Contains(reply.Response, StylesTexts.Candidates);
        Assert.Equal(-1, reply.PopulationChoice);
        Assert.Equal(reply.Candidates.Count - 1, reply.Chosen);
    }

    [Fact]
    public async Task Generate_blockwise_keepsTheContinuationTheUserValuesMost()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(Request());

        using var channel = GrpcChannel.ForAddress(stack.Adapter.Address);
        var adapter = new AdapterService.AdapterServiceClient(channel);
        var calls = stack.Llm.State.Calls.ToList();
        for (var i = 0; i < calls.Count; i++)
        {
            var options = calls[i].Answers.Where(a => a.Length > 0).Distinct().ToList();
            var score = new ScoreRequest { UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt };
            score.Responses.AddRange(options.Select(o => calls[i].Partial + o));
            var rewards = (await adapter.ScoreAsync(score)).Scores.Select(s => s.Reward).ToList();
            Assert.Equal(options[rewards.IndexOf(rewards.Max())], reply.Candidates[i].Text);
            Assert.Equal(rewards.Max(), reply.Candidates[i].Reward);
        }
    }

    [Fact]
    public async Task Generate_blockwiseMaxTokens_stopsAtMaxTokens()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var reply = await generator.Client.GenerateAsync(Request(blockTokens: 4, maxTokens: 10));

        Assert.Equal([4, 4, 2], stack.Llm.State.Calls.Select(c => c.MaxTokens));
        Assert.Equal(10, Attune.Generator.Pool.TokenText.Split(reply.Response).Count);
    }

    [Fact]
    public async Task GenerateStream_blockwise_streamsEachKeptBlockThenTheResult()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var generator = GeneratorHost.Start(stack.Settings);

        using var call = generator.Client.GenerateStream(Request());
        var messages = new List<GenerateStreamReply>();
        await foreach (var m in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            messages.Add(m);
        }

        Assert.True(messages.Count >= 3);
        Assert.All(messages[..^1], m => Assert.Equal(GenerateStreamReply.EventOneofCase.Block, m.EventCase));
        var result = messages[^1].Result;
        Assert.NotNull(result);
        Assert.Equal(string.Concat(messages[..^1].Select(m => m.Block)), result.Response);
        Assert.Equal(messages.Count - 1, result.Candidates.Count);
    }
}
